"use client";

import { useState, type FormEvent } from "react";
import { ApiProblemError, messageOf } from "@/components/api/client";
import { toFieldErrors, type Checked, type FieldErrors } from "./field-errors";

/** A failed submission as messages by its fields (the API's invalidParams), or one for the whole form under `form`. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  return error instanceof ApiProblemError && error.problem.invalidParams?.length ? toFieldErrors(error.problem.invalidParams) : { form: messageOf(error) };
}

type FormSubmit<V, T> = {
  /** The form's values, checked (usually with the API's own schema through `validate`). */
  read: (values: FormData) => Checked<V>;
  /** Sends them, e.g. a mutation's `mutateAsync`. */
  send: (data: V) => Promise<T>;
  onSuccess?: (answer: T, sent: { form: HTMLFormElement; data: V }) => unknown;
  /** The refusal by field; fieldErrorsOf unless a form shows it elsewhere. */
  errorsOf?: (error: unknown) => FieldErrors;
};

/**
 * How a form is sent: its values are checked here first, and what is wrong shows by its field
 * with nothing sent; then the server's refusal shows by field too, or under `form` (the form's
 * top-level alert).
 */
export function useFormSubmit<V, T>({ read, send, onSuccess, errorsOf = fieldErrorsOf }: FormSubmit<V, T>) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [isSending, setIsSending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const checked = read(new FormData(form));
    setErrors(checked.errors ?? {});
    if (checked.errors) return;
    setIsSending(true);
    let answer: T;
    try {
      answer = await send(checked.data);
    } catch (error) {
      setErrors(errorsOf(error));
      return;
    } finally {
      setIsSending(false);
    }
    await onSuccess?.(answer, { form, data: checked.data });
  }

  return { errors, setErrors, isSending, onSubmit };
}
