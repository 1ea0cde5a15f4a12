import { startContent } from '../src/content/main';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  // about:blank, srcdoc and data: frames take their opener's origin: numbers there count too.
  matchOriginAsFallback: true,
  runAt: 'document_idle',
  main(ctx) {
    startContent(ctx.signal);
  },
});
