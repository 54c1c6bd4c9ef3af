/** Tells Argo CD Applications and Flux Kustomizations apart at a glance in the mixed list. */
export function KindMarker({ kind }: { kind: 'Application' | 'Kustomization' }) {
  const flux = kind === 'Kustomization';
  return (
    <span
      className={`kind-marker ${flux ? 'kind-flux' : 'kind-argo'}`}
      data-testid="kind-marker"
      data-kind={kind}
      title={flux ? 'Flux Kustomization' : 'Argo CD Application'}
    >
      {flux ? 'Flux' : 'Argo'}
    </span>
  );
}
