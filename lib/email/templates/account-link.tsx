// The account emails: a new account's verify link, a reset link someone asked for, and the notice to an owner that
// someone tried to register with their address. Each link works once, for a limited time.
import { Link } from '@react-email/components';
import { CallToAction, EmailHeading, EmailLayout, Paragraph, styles } from './layout';

interface AccountEmailBase {
  shopName: string;
  siteUrl: string;
  email: string;
}

export function VerifyEmailEmail(props: AccountEmailBase & { verifyUrl: string; validHours: number }) {
  return (
    <EmailLayout shopName={props.shopName} siteUrl={props.siteUrl} preview={`Confirm your email address for ${props.shopName}`}>
      <EmailHeading>Confirm your email address</EmailHeading>
      <Paragraph>
        Thanks for creating an account at {props.shopName}. Open the link to confirm that {props.email} is yours, and you will be signed in. In the browser you
        registered in that takes one click; anywhere else it asks for the password you chose.
      </Paragraph>
      <CallToAction href={props.verifyUrl}>Confirm my email address</CallToAction>
      <Paragraph>The link works once, for {props.validHours} hours.</Paragraph>
      <Paragraph>If you did not create an account, ignore this email and do not open the link: without it the account cannot be used.</Paragraph>
    </EmailLayout>
  );
}

export function PasswordResetEmail(props: AccountEmailBase & { resetUrl: string; validMinutes: number }) {
  return (
    <EmailLayout shopName={props.shopName} siteUrl={props.siteUrl} preview={`Reset your ${props.shopName} password`}>
      <EmailHeading>Reset your password</EmailHeading>
      <Paragraph>
        Someone — hopefully you — asked to reset the password of the {props.shopName} account for {props.email}.
      </Paragraph>
      <CallToAction href={props.resetUrl}>Choose a new password</CallToAction>
      <Paragraph>The link works once, for {props.validMinutes} minutes. Setting a new password signs the account out on every device.</Paragraph>
      <Paragraph>If you did not ask for this, ignore this email: your password stays as it is.</Paragraph>
    </EmailLayout>
  );
}

export function AlreadyRegisteredEmail(props: AccountEmailBase & { signInUrl: string; resetUrl: string; validMinutes: number }) {
  return (
    <EmailLayout shopName={props.shopName} siteUrl={props.siteUrl} preview={`You already have a ${props.shopName} account`}>
      <EmailHeading>You already have an account</EmailHeading>
      <Paragraph>
        Someone — hopefully you — just tried to create a {props.shopName} account for {props.email}. This address already has one, so nothing was changed.
      </Paragraph>
      <CallToAction href={props.signInUrl}>Sign in</CallToAction>
      <Paragraph>
        Forgotten your password?{' '}
        <Link href={props.resetUrl} style={styles.link}>
          Choose a new one
        </Link>{' '}
        (the link works once, for {props.validMinutes} minutes, and signs the account out on every device).
      </Paragraph>
      <Paragraph>If this was not you, you can ignore this email: your account and password are unchanged.</Paragraph>
    </EmailLayout>
  );
}

export function PasswordChangedEmail(props: AccountEmailBase & { changedAt: string; resetUrl: string }) {
  return (
    <EmailLayout shopName={props.shopName} siteUrl={props.siteUrl} preview={`Your ${props.shopName} password was changed`}>
      <EmailHeading>Your password was changed</EmailHeading>
      <Paragraph>
        The password of the {props.shopName} account for {props.email} was changed on {props.changedAt} (Lagos time), from the account page. Every device that
        was signed in has been signed out.
      </Paragraph>
      <Paragraph>If that was you, there is nothing more to do.</Paragraph>
      <Paragraph>If it was not you, someone knows your password: choose a new one now (we email you a link), which signs them out again.</Paragraph>
      <CallToAction href={props.resetUrl}>Reset my password</CallToAction>
    </EmailLayout>
  );
}
