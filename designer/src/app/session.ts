/** Who is designing: the signed-in user (cookie session), asked for with the designer's own sign-in form on 401. */
import { ApiError, type Api, type Me } from '../api';
import { t } from '../i18n';
import { h, replaceChildren } from './dom';

/** The signed-in user; shows the sign-in form in `root` until the host accepts a sign-in. */
export async function signIn(root: HTMLElement, client: Api): Promise<Me> {
  for (;;) {
    try {
      return (await client.me()).data;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      await signInForm(root, client);
    }
  }
}

export function isDesigner(me: Me | null): boolean {
  return !!me?.roles.some((r) => r.toLowerCase() === 'designer');
}

function signInForm(root: HTMLElement, client: Api): Promise<void> {
  return new Promise((resolve) => {
    const email = h('input', { id: 'rf-login-email', type: 'email', autocomplete: 'username', required: true });
    const password = h('input', { id: 'rf-login-password', type: 'password', autocomplete: 'current-password', required: true });
    const error = h('p', { id: 'rf-login-error', role: 'alert' });
    const form = h(
      'form',
      { id: 'rf-login', class: 'rf-login' },
      h('h1', {}, `ReferralFlow · ${t('Workflow designer')}`),
      h('label', {}, `${t('Email')} `, email),
      h('label', {}, `${t('Password')} `, password),
      h('button', { type: 'submit' }, t('Sign in')),
      error,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      client.login(email.value, password.value).then(
        () => resolve(),
        () => (error.textContent = t('Sign-in failed')),
      );
    });
    replaceChildren(root, form);
  });
}
