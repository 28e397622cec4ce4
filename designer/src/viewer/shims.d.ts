// The read-only viewer ships without TypeScript declarations.
declare module 'bpmn-js/lib/NavigatedViewer' {
  const NavigatedViewer: any;
  export default NavigatedViewer;
}
