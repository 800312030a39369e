// Message catalogues, one file per part of the app so each screen's strings live together:
// messages/<locale>/{common,live,moderator,screen,join}.json, merged into one object per locale.
import type { AppLocale } from './config';
import ruCommon from '../messages/ru/common.json';
import ruLive from '../messages/ru/live.json';
import ruModerator from '../messages/ru/moderator.json';
import ruScreen from '../messages/ru/screen.json';
import ruJoin from '../messages/ru/join.json';
import ruSetup from '../messages/ru/setup.json';
import ruReport from '../messages/ru/report.json';
import ruOverlay from '../messages/ru/overlay.json';
import enCommon from '../messages/en/common.json';
import enLive from '../messages/en/live.json';
import enModerator from '../messages/en/moderator.json';
import enScreen from '../messages/en/screen.json';
import enJoin from '../messages/en/join.json';
import enSetup from '../messages/en/setup.json';
import enReport from '../messages/en/report.json';
import enOverlay from '../messages/en/overlay.json';

export const messages = {
  ru: { ...ruCommon, ...ruLive, ...ruModerator, ...ruScreen, ...ruJoin, ...ruReport, ...ruSetup, ...ruOverlay },
  en: { ...enCommon, ...enLive, ...enModerator, ...enScreen, ...enJoin, ...enReport, ...enSetup, ...enOverlay },
} satisfies Record<AppLocale, unknown>;

export type Messages = (typeof messages)['ru'];
