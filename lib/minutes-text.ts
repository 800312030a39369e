// The minutes' wording (messages/*/report.json, namespace report.minutes) in the document's own
// language, which may differ from the page's: the minutes of a Russian round table are kept in
// Russian even when the organiser reads English. Shared by the report page and the server's files.
import { createTranslator } from 'next-intl';
import en from '../messages/en/report.json';
import ru from '../messages/ru/report.json';
import type { MinutesText } from './minutes';
import type { ReportLocale } from './report';

export function minutesText(locale: ReportLocale): MinutesText {
  const t = createTranslator({ locale, messages: locale === 'en' ? en : ru, namespace: 'report.minutes' });
  return (key, values) => t(key, values);
}
