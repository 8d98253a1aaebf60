// restify, loaded without the DEP0111 warning ("Access to process.binding('http_parser') is deprecated") that its
// spdy dependency prints twice on load (restify/node-restify#1876). We never pass `spdy` options, so that code never
// runs; the warning only tells a new user something is broken when nothing is. Only warnings raised while restify
// loads are held back: every other deprecation, before or after, is printed as usual.
import type * as Restify from 'restify';

function loadQuietly(): typeof Restify {
  const before = process.noDeprecation;
  process.noDeprecation = true;
  try {
    // A require, not an import, so that it runs here, between the two lines that hold the warning back.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('restify') as typeof Restify;
  } finally {
    process.noDeprecation = before;
  }
}

export const restify = loadQuietly();
export type { Request, Response, Server } from 'restify';
