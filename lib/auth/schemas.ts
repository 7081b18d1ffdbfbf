// Input shapes for sign-in and registration, shared by the server action, the authorize callback and tests.
import { z } from 'zod';
import { checkPassword, passwordIssueMessages } from './password-rules';

/** Emails are stored lower-cased (a CHECK constraint holds it), so every entry point normalises the same way. */
export const emailSchema = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .max(254, 'That email address is too long.')
  .pipe(z.email({ error: 'Enter a valid email address.' }));

export const signInSchema = z.object({
  email: emailSchema,
  // Length-capped only: strength rules apply when a password is chosen, not when it is typed in.
  password: z.string().min(1).max(1024),
});

export const registerSchema = z
  .object({
    email: emailSchema,
    name: z.string({ error: 'Enter your name.' }).trim().min(1, 'Enter your name.').max(100, 'Use at most 100 characters.'),
    password: z.string({ error: 'Choose a password.' }),
  })
  .superRefine((input, ctx) => {
    for (const issue of checkPassword(input.password, { email: input.email })) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: passwordIssueMessages[issue] });
    }
  });

export type SignInInput = z.infer<typeof signInSchema>;
export type RegisterInput = z.infer<typeof registerSchema>;
