import RfLinting from './RfLinting';

export default { __init__: ['rfLinting'], rfLinting: ['type', RfLinting] };
