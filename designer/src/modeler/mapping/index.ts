import RfMapping from './RfMapping';

export default { __init__: ['rfMapping'], rfMapping: ['type', RfMapping] };
