import { insertBlobFormAction } from "./actions";
import { SendButton } from "./send-button";

export const dynamic = "force-dynamic";

export default function Page() {
  return (
    <main>
      <form action={insertBlobFormAction}>
        <textarea name="blob" defaultValue="" />
        <button type="submit">send</button>
      </form>
      <SendButton />
    </main>
  );
}
