import { timeAgo } from '../model/time.ts';

export function TimeAgo({ time }: { time: string | undefined }) {
  if (!time) return <span className="muted">—</span>;
  return (
    <time dateTime={time} title={time}>
      {timeAgo(time)}
    </time>
  );
}
