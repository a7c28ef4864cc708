/**
 * Reading sentences aloud with the browser's own speech synthesis
 * (`window.speechSynthesis`), one utterance per sentence so the page can
 * follow along.
 *
 * Only one reading plays at a time on a page: starting a new one stops the
 * one before, and tells it so.
 */

/** The browser's speech parts; `null` from `browserSpeech()` where there are none. */
export interface ISpeech {
  synth: SpeechSynthesis;
  Utterance: typeof SpeechSynthesisUtterance;
}

/** What a reading reports back to the page that started it. */
export interface IReadingEvents {
  /** Sentence `index` has started to play. */
  sentence(index: number): void;
  /** The reading is over: `finished` after the last sentence, otherwise stopped. */
  ended(finished: boolean): void;
  /** The browser refused or failed to speak; `message` is for the learner. */
  failed(message: string): void;
}

/**
 * The browser's speech synthesis, or `null` when it has none (then no
 * read-aloud button is shown at all).
 */
export function browserSpeech(): ISpeech | null {
  const w = window as unknown as {
    speechSynthesis?: SpeechSynthesis;
    SpeechSynthesisUtterance?: typeof SpeechSynthesisUtterance;
  };
  if (!w.speechSynthesis || typeof w.SpeechSynthesisUtterance !== 'function') {
    return null;
  }
  return { synth: w.speechSynthesis, Utterance: w.SpeechSynthesisUtterance };
}

/**
 * The voice to read English with. Only voices the browser runs on this
 * device (`localService`) are chosen, because the site works offline; with
 * none, `null` leaves the choice to the browser.
 *
 * Order: the learner's own English (`en-GB` for an `en-GB` browser), then
 * the browser's default voice if it is English, then any English voice, then
 * the default, then the first local voice.
 *
 * e.g. `pickVoice([{lang: 'fr-FR', localService: true, default: true},
 * {lang: 'en-GB', localService: true, default: false}], 'en-GB')` is the
 * `en-GB` voice.
 */
export function pickVoice(
  voices: readonly SpeechSynthesisVoice[],
  preferredLang: string
): SpeechSynthesisVoice | null {
  const local = voices.filter(v => v.localService);
  const english = (v: SpeechSynthesisVoice) =>
    v.lang.toLowerCase().startsWith('en');
  const preferred = preferredLang.toLowerCase();
  return (
    (preferred.startsWith('en')
      ? local.find(v => v.lang.toLowerCase().replace('_', '-') === preferred)
      : undefined) ??
    local.find(v => v.default && english(v)) ??
    local.find(english) ??
    local.find(v => v.default) ??
    local[0] ??
    null
  );
}

/** Speech errors that only mean "stopped on purpose". */
const STOPPED_ERRORS = new Set(['interrupted', 'canceled']);

/** A learner's message for a speech error code. */
export function speechErrorMessage(code: string): string {
  if (code === 'not-allowed') {
    return 'Your browser wants a click before it reads aloud: press Read aloud.';
  }
  if (code === 'language-unavailable' || code === 'voice-unavailable') {
    return 'Your browser has no English voice installed to read this aloud.';
  }
  return `Your browser could not read this aloud (${code}).`;
}

/** The reading playing now on this page, if any. */
let current: { session: number; events: IReadingEvents } | null = null;
let sessions = 0;

/**
 * Read `texts` aloud, one utterance each, reporting to `events`; stops any
 * other reading first. Returns a function that stops this reading.
 */
export function readAloud(
  speech: ISpeech,
  texts: readonly string[],
  events: IReadingEvents
): () => void {
  stopReading();
  const session = ++sessions;
  current = { session, events };
  const isCurrent = () => current !== null && current.session === session;
  const finish = (finished: boolean) => {
    if (isCurrent()) {
      current = null;
      events.ended(finished);
    }
  };
  const voice = pickVoice(speech.synth.getVoices(), navigator.language || 'en');
  texts.forEach((text, index) => {
    const utterance = new speech.Utterance(text);
    utterance.lang = voice ? voice.lang : 'en';
    if (voice) {
      utterance.voice = voice;
    }
    utterance.addEventListener('start', () => {
      if (isCurrent()) {
        events.sentence(index);
      }
    });
    utterance.addEventListener('end', () => {
      if (index === texts.length - 1) {
        finish(true);
      }
    });
    utterance.addEventListener('error', event => {
      const code = (event as SpeechSynthesisErrorEvent).error ?? 'error';
      if (!isCurrent() || STOPPED_ERRORS.has(code)) {
        return;
      }
      current = null;
      speech.synth.cancel();
      events.failed(speechErrorMessage(code));
    });
    speech.synth.speak(utterance);
  });
  if (texts.length === 0) {
    finish(true);
  }
  return () => {
    if (isCurrent()) {
      stopReading();
    }
  };
}

/** Stop whatever is being read on this page (its page hears `ended(false)`). */
export function stopReading(): void {
  const speech = browserSpeech();
  const playing = current;
  current = null;
  if (speech) {
    speech.synth.cancel();
  }
  if (playing) {
    playing.events.ended(false);
  }
}
