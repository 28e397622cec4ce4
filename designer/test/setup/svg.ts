/**
 * happy-dom lacks the bits of SVG geometry diagram-js asks for; these fill them in closely enough for a real bpmn-js
 * Modeler to import, draw and edit diagrams in tests (no layout is measured: text and boxes have no size).
 */
const SVG = 'http://www.w3.org/2000/svg';

if (typeof document !== 'undefined') {
  const svg = document.createElementNS(SVG, 'svg') as SVGSVGElement;
  const g = document.createElementNS(SVG, 'g') as SVGGElement;
  const list = Object.getPrototypeOf(g.transform.baseVal) as SVGTransformList;
  if (!('consolidate' in list) || typeof list.consolidate !== 'function') {
    list.consolidate = function consolidate(this: SVGTransformList): SVGTransform | null {
      if (this.numberOfItems === 0) return null;
      let matrix = this.getItem(0).matrix;
      for (let i = 1; i < this.numberOfItems; i++) matrix = matrix.multiply(this.getItem(i).matrix);
      return this.initialize(svg.createSVGTransformFromMatrix(matrix));
    };
  }
  if (typeof list.createSVGTransformFromMatrix !== 'function') {
    list.createSVGTransformFromMatrix = (matrix: DOMMatrix2DInit) => svg.createSVGTransformFromMatrix(matrix);
  }
  const graphics = Object.getPrototypeOf(Object.getPrototypeOf(g)) as SVGGraphicsElement;
  graphics.getCTM = function getCTM(this: SVGGraphicsElement): DOMMatrix {
    const transform = this.transform.baseVal.numberOfItems ? this.transform.baseVal.consolidate()?.matrix : null;
    return (transform ?? svg.createSVGMatrix()) as unknown as DOMMatrix;
  };

  // No layout either: the diagram's container gets the size of a small screen, so zoom and fit-viewport have numbers.
  for (const [property, size] of [
    ['clientWidth', 1000],
    ['clientHeight', 600],
  ] as const) {
    const original =
      Object.getOwnPropertyDescriptor(HTMLElement.prototype, property) ?? Object.getOwnPropertyDescriptor(Element.prototype, property);
    Object.defineProperty(HTMLElement.prototype, property, {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('djs-container') ? size : (original?.get?.call(this) as number);
      },
    });
  }
}
