import { PrivacyPage } from "../../_views/privacy-page";

export default function Page() {
  return <PrivacyPage lang="en" />;
}
