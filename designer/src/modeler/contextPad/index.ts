import RfContextPadProvider from './RfContextPadProvider';

export default { __init__: ['rfContextPadProvider'], rfContextPadProvider: ['type', RfContextPadProvider] };
