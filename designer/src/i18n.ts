import { hasIssueText, issueText } from './issueTexts';

/** Korean by default, English on switch. Keys are the English texts (bpmn-js translate convention). */
export type Language = 'ko' | 'en';

const ko: Record<string, string> = {
  // palette and context pad
  'Activate the hand tool': '손 도구',
  'Activate the lasso tool': '올가미 선택',
  'Activate the create/remove space tool': '공간 추가/제거',
  'Activate the global connect tool': '연결 도구',
  'Create start event': '시작 이벤트',
  'Create end event': '종료 이벤트',
  'Create terminate end event': '전체 종료 이벤트',
  'Create user task': '사용자 과업',
  'Create send task': '알림 발송 과업',
  'Create exclusive gateway': '배타 분기',
  'Create parallel gateway': '병렬 분기',
  'Create inclusive gateway': '포괄 분기',
  'Create timer intermediate catch event': '대기 타이머',
  'Create pool/participant': '풀(참여자)',
  'Create expanded pool/participant': '풀(참여자)',
  'Append end event': '종료 이벤트 추가',
  'Append gateway': '분기 추가',
  'Append task': '과업 추가',
  'Append user task': '사용자 과업 추가',
  'Append intermediate/boundary event': '중간 이벤트 추가',
  'Append send task': '알림 발송 추가',
  'Append timer': '타이머 추가',
  'Change element': '유형 변경',
  'Change type': '유형 변경',
  Delete: '삭제',
  'Connect to other element': '연결',
  'Connect using sequence/message flow or association': '연결',
  'Add lane above': '위에 레인 추가',
  'Add lane below': '아래에 레인 추가',
  'Divide into two lanes': '레인 2개로 나누기',
  'Divide into three lanes': '레인 3개로 나누기',
  'Add text annotation': '메모 추가',
  // properties panel
  General: '일반',
  Name: '이름',
  ID: 'ID',
  Documentation: '설명',
  'Element documentation': '요소 설명',
  'Role (lane)': '역할(레인)',
  Role: '역할',
  'Known role': '알려진 역할',
  'New role key': '새 역할 키',
  '(none)': '(없음)',
  '(lane role)': '(레인 역할)',
  Deadline: '기한',
  Days: '일',
  Hours: '시간',
  'ISO 8601 duration': 'ISO 8601 기간',
  'Escalation policy': '에스컬레이션 정책',
  'Count working days': '근무일 기준',
  'Mon–Fri without public holidays; whole days only (no hours).': '월~금, 공휴일 제외. 일 단위로만 정합니다(시간 없음).',
  'Outcome form': '결과 서식',
  Field: '항목',
  'Field id': '항목 ID',
  'Field type': '항목 유형',
  Label: '표시 이름',
  Required: '필수',
  'Health data (sensitive)': '건강정보 (민감정보)',
  'Shown only to agencies with health-data consent; never exported.': '건강정보 동의가 있는 기관에만 보이며 내보내기에 포함되지 않습니다.',
  'Options (value=label; …)': '선택지 (값=이름; …)',
  Condition: '조건',
  'Condition expression': '조건식',
  Send: '발송',
  'Send type': '발송 유형',
  Recipient: '받는 이',
  'Message template': '메시지 서식',
  'Move up': '위로',
  text: '한 줄 글',
  textarea: '여러 줄 글',
  number: '숫자',
  date: '날짜',
  boolean: '예/아니요',
  select: '선택',
  email: '이메일',
  'notify-referrer': '의뢰기관 회신',
  // app
  'Workflow designer': '업무흐름 설계',
  Workflows: '업무흐름',
  'New from template': '템플릿으로 새로 만들기',
  'New empty': '빈 흐름 새로 만들기',
  Open: '열기',
  Save: '저장',
  Validate: '서버 검증',
  Publish: '게시',
  Download: '내려받기',
  Upload: '올리기',
  Simulate: '모의 실행',
  Issues: '문제',
  'No issues': '문제 없음',
  Draft: '초안',
  Version: '버전',
  'read-only': '읽기 전용',
  'Sign in': '로그인',
  Email: '이메일',
  Password: '비밀번호',
  'Sign-in failed': '로그인에 실패했습니다',
  Saved: '저장했습니다',
  Published: '게시했습니다',
  'Validation passed': '검증 통과',
  'Workflow key (process id)': '업무흐름 키(프로세스 ID)',
  'Workflow name': '업무흐름 이름',
  'Not saved yet': '아직 저장하지 않음',
  'Saving failed': '저장하지 못했습니다',
  'Publishing failed': '게시하지 못했습니다',
  'Only designers can save or publish': '설계 권한이 있는 사용자만 저장·게시할 수 있습니다',
  error: '오류',
  warning: '경고',
  'Server validation': '서버 검증',
  'Drawing checks': '그리기 점검',
  English: 'English',
  한국어: '한국어',
  'The draft was changed by someone else; reload it.': '다른 사람이 초안을 바꿨습니다. 다시 불러오세요.',
  'Unsaved changes': '저장하지 않은 변경',
  // the mapping dialog (a foreign model made runnable)
  'Make runnable': '실행 가능하게 만들기',
  'Map this model to the district: a role for each lane and task, user tasks, notifications, conditions and the process to run. Apply is one step you can undo.':
    '이 모델을 우리 구에 맞춥니다. 레인과 과업마다 역할을, 사용자 과업, 알림, 조건, 실행할 프로세스를 정하세요. 적용은 한 번에 되돌릴 수 있습니다.',
  'Process to run': '실행할 프로세스',
  '{n} steps': '단계 {n}개',
  Roles: '역할',
  Lane: '레인',
  now: '지금',
  'Candidate group': '후보 그룹',
  'Task without a role': '역할 없는 과업',
  '(choose a role)': '(역할 선택)',
  'User tasks': '사용자 과업',
  'Run as a user task': '사용자 과업으로 실행',
  Notifications: '알림',
  '(leave as it is)': '(그대로 두기)',
  'Reply to the referrer': '의뢰기관에 회신',
  'E-mail to': '이메일 받는 곳:',
  Conditions: '조건',
  'Default flow': '기본 흐름',
  Apply: '적용',
  Cancel: '취소',
  'This model can be made runnable.': '이 모델은 실행 가능하게 만들 수 있습니다.',
  'Made runnable: check the issues, then save.': '실행 가능하게 바꿨습니다. 문제 목록을 확인한 뒤 저장하세요.',
};

let current: Language = (localStorage.getItem('rf-lang') as Language | null) ?? (document.cookie.includes('lang=en') ? 'en' : 'ko');

export const language = (): Language => current;

export function setLanguage(lang: Language): void {
  current = lang;
  localStorage.setItem('rf-lang', lang);
}

/** Translates and fills {placeholders}. */
export function t(text: string, replacements: Record<string, unknown> = {}): string {
  const base = current === 'ko' ? (ko[text] ?? text) : text;
  return base.replace(/{([^}]+)}/g, (_, key: string) => (replacements[key] === undefined ? `{${key}}` : String(replacements[key])));
}

/**
 * An issue in the chosen language, from the catalogue the engine and the host share
 * (workflows/ReferralFlow.Workflows/Validation/issue-texts.json): the code's text with the issue's arguments. Without
 * arguments (or for a code the catalogue lacks) the given message is kept.
 */
export function describeIssue(code: string, message: string, args?: Record<string, string>): string {
  return args && hasIssueText(code) ? issueText(code, args, current) : message;
}
