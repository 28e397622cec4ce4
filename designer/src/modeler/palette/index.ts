import RfPaletteProvider from './RfPaletteProvider';

export default { __init__: ['rfPaletteProvider'], rfPaletteProvider: ['type', RfPaletteProvider] };
