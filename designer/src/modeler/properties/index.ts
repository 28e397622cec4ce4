import RfPropertiesProvider from './RfPropertiesProvider';

export default { __init__: ['rfPropertiesProvider'], rfPropertiesProvider: ['type', RfPropertiesProvider] };
