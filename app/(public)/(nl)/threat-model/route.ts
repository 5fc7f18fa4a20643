import { threatModelResponse } from "../../_views/threat-model";

export function GET(): Response {
  return threatModelResponse();
}
