import { sendTipRouteGet, sendTipWithoutJavaScript } from "../../../_routes/send-tip";

export function POST(request: Request): Promise<Response> {
  return sendTipWithoutJavaScript(request, "nl");
}

export function GET(): Response {
  return sendTipRouteGet("nl");
}
