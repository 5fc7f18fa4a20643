import { sendTipRouteGet, sendTipWithoutJavaScript } from "../../../_routes/send-tip";

export function POST(request: Request): Promise<Response> {
  return sendTipWithoutJavaScript(request, "en");
}

export function GET(): Response {
  return sendTipRouteGet("en");
}
