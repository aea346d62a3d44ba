import { Fragment } from 'react';

/**
 * Text such as a path, scope or URL that may wrap after `/`, `.`, `_`, `-`, `:`, `?`, `&` or `=`,
 * never in the middle of a word (`evo.work/space`). Give its element the `breakable` class, which
 * turns off the anywhere-wrapping that `code` has.
 */
export function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[/._\-:?&=])/);
  return (
    <>
      {parts.map((part, index) => (
        // The parts of one text never reorder: the index is their identity.
        <Fragment key={index}>
          {part}
          {index < parts.length - 1 ? <wbr /> : null}
        </Fragment>
      ))}
    </>
  );
}
