import { format } from '../i18n/format.ts';
import type { Catalog } from '../i18n/index.ts';
import type { Lang } from '../i18n/lang.ts';
import { moment } from '../i18n/moments.ts';
import type { PortalViewAnswer } from '../shared/api/schemas.ts';
import { ButtonLink } from './ButtonLink.tsx';

interface Props {
  lang: Lang;
  eh: Catalog['eherkenning'];
  company: string;
  login: PortalViewAnswer['companyLogin'];
  intermediary: string | null;
  register: string;
}

/**
 * For a colleague logged in with eHerkenning: the company's email login, which a policy number and
 * a mailbox set up, and how to take it over when nobody at the company knows its address. Someone
 * acting through an intermediary may use the portal but not take over the company's own login.
 */
export function CompanyLogin({ lang, eh, company, login, intermediary, register }: Props) {
  if (!login) return <p>{format(eh.companyLoginNone, { company })}</p>;
  const vars = { company, email: login.email, when: moment(login.since, lang) };
  return (
    <section class="box" aria-labelledby="company-login-title">
      <h2 id="company-login-title">{login.recent ? eh.companyLoginNewTitle : eh.companyLoginTitle}</h2>
      <p>{format(login.recent ? eh.companyLoginNew : eh.companyLoginSince, vars)}</p>
      <p>{intermediary ? eh.companyLoginNotUsIntermediary : eh.companyLoginNotUs}</p>
      {!intermediary && <ButtonLink href={register}>{eh.companyLoginTakeOver}</ButtonLink>}
    </section>
  );
}
