import { describe, expect, it } from 'vitest';
import { closestGroup, undeclaredGroupMessage } from './group-names';

describe('a group name that is not declared', () => {
  it('suggests the declared group a typo most likely meant', () => {
    expect(closestGroup('乡镇街道', ['乡镇', '县直部门'])).toBe('乡镇');
    expect(closestGroup('县直', ['乡镇', '县直部门'])).toBe('县直部门');
    expect(closestGroup('县值部门', ['乡镇', '县直部门'])).toBe('县直部门');
    expect(closestGroup('开发区', ['乡镇', '县直部门'])).toBeNull();
  });
  it('says what is declared and asks “did you mean”', () => {
    expect(undeclaredGroupMessage('乡镇街道', ['乡镇', '县直部门'])).toBe('分组“乡镇街道”未在本轮声明（已声明：乡镇、县直部门）。是不是“乡镇”？');
  });
});
