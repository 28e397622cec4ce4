import lintingModule from '../linting';
import RfIssues from './RfIssues';

export default { __depends__: [lintingModule], __init__: ['rfIssues'], rfIssues: ['type', RfIssues] };
