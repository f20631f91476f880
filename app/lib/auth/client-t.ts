'use client';
import { useMemo } from 'react';
import { useLocale } from '@/app/i18n/client';
import { authTranslator, type AuthT } from './messages';

export function useAuthT(): AuthT {
  const locale = useLocale();
  return useMemo(() => authTranslator(locale), [locale]);
}
