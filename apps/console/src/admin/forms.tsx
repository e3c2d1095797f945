import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type BaseSyntheticEvent } from 'react';
import {
  useForm,
  type DefaultValues,
  type FieldErrors,
  type FieldValues,
  type Path,
  type RegisterOptions,
  type UseFormRegister,
  type UseFormReturn,
} from 'react-hook-form';
import { ApiFailure } from '../api';
import type { FieldProblem } from '../error-summary';
import { applyServerErrors, problemsOf, TextArea } from '../ui';

// the GOV.UK "recover from validation errors" pattern for the admin and audit forms, with
// ui.tsx's fields: each problem the server names (400 details[].field) lands on the field of
// that name, inline and in the error summary; one with no field goes to the summary alone

// what a failed request means to the person, when no field is to blame
export function failureMessage(error: unknown): string {
  if (!(error instanceof ApiFailure)) return 'Sorry, there is a problem with the service. Try again later.';
  const { status, message } = error.error;
  if (status === 403) return 'You cannot do this';
  if (status === 429) return 'Too many requests – wait a minute and try again';
  if (status >= 500) return 'Sorry, there is a problem with the service. Try again later.';
  return message;
}

// a refused request's problems: set on the form's fields (inline) and listed for the summary,
// which keeps them until the next answer (a summary whose list changes takes focus again)
export function serverProblems<V extends FieldValues>(
  error: unknown,
  form: UseFormReturn<V>,
  labels: Record<string, string>,
): FieldProblem[] {
  const rest = applyServerErrors(
    error,
    form.setError,
    Object.keys(labels),
    (field) => labels[field] ?? field,
  );
  return [...problemsOf(form.formState.errors), ...(rest ? [{ field: 'main-content', message: rest }] : [])];
}

export interface ApiForm<V extends FieldValues> {
  form: UseFormReturn<V>;
  // the form's register with its client rules: pass it to ui.tsx's fields
  register: UseFormRegister<V>;
  errors: FieldErrors<V>;
  problems: FieldProblem[];
  pending: boolean;
  submit(event?: BaseSyntheticEvent): Promise<void>;
}

// a form that sends its answers once: a second press while the first is on its way does
// nothing (the button is disabled, and a ref guards the moment before React re-renders)
export function useApiForm<V extends FieldValues, R>(options: {
  labels: Record<Path<V>, string>;
  rules?: Partial<Record<Path<V>, RegisterOptions<V, Path<V>>>>;
  defaultValues: DefaultValues<V>;
  send(values: V): Promise<R>;
  done(result: R, values: V): void;
}): ApiForm<V> {
  // the error summary takes focus, not the first field (GOV.UK)
  const form = useForm<V>({ defaultValues: options.defaultValues, shouldFocusError: false });
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const busy = useRef(false);
  const mutation = useMutation({ mutationFn: options.send });
  const register = ((name: Path<V>, more?: RegisterOptions<V, Path<V>>) =>
    form.register(name, { ...options.rules?.[name], ...more } as RegisterOptions<
      V,
      Path<V>
    >)) as UseFormRegister<V>;

  const submit = form.handleSubmit(
    async (values) => {
      if (busy.current) return;
      busy.current = true;
      try {
        const result = await mutation.mutateAsync(values);
        setProblems([]);
        options.done(result, values);
      } catch (error) {
        setProblems(serverProblems(error, form, options.labels));
      } finally {
        busy.current = false;
      }
    },
    (errors) => setProblems(problemsOf(errors)),
  );

  return { form, register, errors: form.formState.errors, problems, pending: mutation.isPending, submit };
}

// ui.tsx's Submit in the GOV.UK warning style, for what cannot be undone

// why an administrator does what cannot be undone: required, kept in the audit trail
export function reasonRules(min: number, max: number) {
  return {
    required: 'Enter the reason',
    minLength: { value: min, message: `The reason must be ${min} characters or more` },
    maxLength: { value: max, message: `The reason must be ${max} characters or fewer` },
  };
}

export function ReasonField<V extends FieldValues>({
  label,
  register,
  errors,
}: {
  label: string;
  register: UseFormRegister<V>;
  errors: FieldErrors<V>;
}) {
  return (
    <TextArea
      name={'reason' as Path<V>}
      label={label}
      hint="This is kept in the audit trail"
      rows={3}
      register={register}
      errors={errors}
    />
  );
}
