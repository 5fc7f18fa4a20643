import { SecrecyPage } from "../../_views/secrecy-page";

export default function Page() {
  return <SecrecyPage lang="en" />;
}
