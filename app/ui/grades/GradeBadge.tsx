import { gradeClass } from './colors';

/** A grade as a coloured badge; `grades` are the system's labels, highest band first. */
export function GradeBadge({ grade, grades }: { grade: string | null; grades: string[] }) {
  if (grade === null) return <span className="muted">—</span>;
  return (
    <span className={gradeClass(grades.indexOf(grade), grades.length)} data-grade={grade}>
      {grade}
    </span>
  );
}
