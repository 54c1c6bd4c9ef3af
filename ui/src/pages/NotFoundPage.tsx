import { Link } from 'wouter';
import { EmptyState } from '../components/EmptyState.tsx';

export function NotFoundPage() {
  return (
    <EmptyState title="There is no page here">
      <Link href="/applications">Go to the applications</Link>
    </EmptyState>
  );
}
