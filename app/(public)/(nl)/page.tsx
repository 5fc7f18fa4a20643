import { HomePage } from "../_views/home-page";

export default function Page() {
  return <HomePage lang="nl" />;
}
