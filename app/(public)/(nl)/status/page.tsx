import { StatusPage } from "../../_views/status-page";

export default function Page() {
  return <StatusPage lang="nl" />;
}
