/* eslint-disable @typescript-eslint/no-explicit-any -- the shapes of these untyped bpmn-io packages are not declared here */
// The read-only viewer ships without TypeScript declarations.
declare module 'bpmn-js/lib/NavigatedViewer' {
  const NavigatedViewer: any;
  export default NavigatedViewer;
}
