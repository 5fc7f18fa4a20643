import { Fragment, type ReactElement } from "react";
import type { TBlock, TInline } from "./parse-simple-markdown";

function Inline({ content }: { content: TInline[] }) {
  return content.map((run, index) => (run.bold ? <strong key={index}>{run.text}</strong> : <Fragment key={index}>{run.text}</Fragment>));
}

/**
 * React elements for parsed blocks: h1/h2, p, ul/li, strong. Text is passed to React as
 * text, never as HTML, so whatever a document contains is shown, not executed.
 */
export function renderSimpleMarkdown(blocks: TBlock[]): ReactElement {
  return (
    <>
      {blocks.map((block, index) => {
        if (block.kind === "heading") {
          const Heading = block.level === 1 ? "h1" : "h2";
          return (
            <Heading key={index}>
              <Inline content={block.content} />
            </Heading>
          );
        }
        if (block.kind === "list") {
          return (
            <ul key={index}>
              {block.items.map((item, itemIndex) => (
                <li key={itemIndex}>
                  <Inline content={item} />
                </li>
              ))}
            </ul>
          );
        }
        return (
          <p key={index}>
            <Inline content={block.content} />
          </p>
        );
      })}
    </>
  );
}
