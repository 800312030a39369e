'use client';
// A document (lib/document.ts) drawn as a sheet of A4 paper on the report page: the same blocks the
// server prints to PDF and DOCX, so the preview and the files say the same thing.
import { Fragment } from 'react';
import type { Block, DocumentModel, Run } from '@/lib/document';

function Runs({ runs }: { runs: Run[] }) {
  return (
    <>
      {runs.map((run, i) => {
        const inner = run.italic ? <i>{run.text}</i> : run.text;
        return run.bold ? <b key={i}>{inner}</b> : <Fragment key={i}>{inner}</Fragment>;
      })}
    </>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case 'title':
      return <h2 className="text-center text-[16pt] font-bold tracking-[0.2em]">{block.text}</h2>;
    case 'subtitle':
      return <p className={block.italic ? 'mb-1 text-center text-[10pt] italic' : 'text-center text-[13pt] font-bold'}>{block.text}</p>;
    case 'split':
      return (
        <div className="mt-6 mb-5 flex justify-between gap-6">
          <span>{block.left}</span>
          <span>{block.right}</span>
        </div>
      );
    case 'fields':
      return (
        <dl className="mb-5 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5">
          {block.rows.map((row) => (
            <Fragment key={row.label}>
              <dt>{row.label}</dt>
              <dd data-testid={row.testId}>{row.value}</dd>
            </Fragment>
          ))}
        </dl>
      );
    case 'heading':
      return block.level === 1 ? (
        <h3 className="mt-5 mb-2 font-bold">{block.text}</h3>
      ) : (
        <h4 className="mt-4 mb-1 font-bold">{block.text}</h4>
      );
    case 'paragraph':
      return (
        <p className="mb-1 whitespace-pre-line" data-testid={block.testId}>
          <Runs runs={block.runs} />
        </p>
      );
    case 'list':
      return (
        <ol className="list-decimal space-y-1.5 pl-7" data-testid={block.testId}>
          {block.items.map((item, i) => (
            <li key={item.id ?? i} className="keep-together" data-entry-id={item.id}>
              <Runs runs={item.runs} />
            </li>
          ))}
        </ol>
      );
    case 'signatures':
      return (
        <section className="keep-together mt-10 grid gap-8">
          {block.rows.map((row) => (
            <div key={row.role} className="grid grid-cols-[9rem_11rem_14rem] items-end gap-x-6">
              <span>{row.role}</span>
              <span className="flex flex-col">
                <span className="h-6 border-b border-black" />
                <span className="text-center text-[9pt]">{block.signHint}</span>
              </span>
              <span className="flex flex-col">
                <span className="h-6 border-b border-black text-center">{row.name}</span>
                <span className="text-center text-[9pt]">{block.nameHint}</span>
              </span>
            </div>
          ))}
        </section>
      );
    default:
      return block satisfies never;
  }
}

export function DocumentView({ document, testId }: { document: DocumentModel; testId: string }) {
  return (
    <article
      lang={document.lang}
      data-testid={testId}
      className="report-paper mx-auto w-full max-w-[210mm] rounded-sm px-[18mm] py-[16mm] text-[12pt] leading-relaxed shadow-2xl"
    >
      {document.blocks.map((block, i) => (
        <BlockView key={i} block={block} />
      ))}
    </article>
  );
}
