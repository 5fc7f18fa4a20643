import { ReportPage } from "../../_views/report-page";

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <ReportPage lang="nl" over={(await searchParams).over} />;
}
