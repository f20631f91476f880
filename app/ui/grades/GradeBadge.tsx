import { gradeClass } from './colors';

/**
 * A grade as a coloured badge; `grades` are the system's labels, highest band first. `provisional`
 * (a total awaiting evaluation, graded on its lower end): the words that say so, e.g. （暂定）.
 */
export function GradeBadge({ grade, grades, provisional }: { grade: string | null; grades: string[]; provisional?: string }) {
  if (grade === null) return <span className="muted">—</span>;
  return (
    <>
      <span className={gradeClass(grades.indexOf(grade), grades.length)} data-grade={grade}>
        {grade}
      </span>
      {provisional ? <span className="muted">{provisional}</span> : null}
    </>
  );
}
