import { digestOf, isWebLink, MAX_TEXT, MAX_TITLE, messageLink, parseTagList, PostIndex, readPostForm, unansweredQuestions, type Post } from '../../../../../bot/features/posts/domain/posts';

const TAGS = ['anxiety', 'attendance', 'transition', 'parents', 'staff wellbeing'];

let counter = 0;
function post(fields: Partial<Post> & Pick<Post, 'title'>): Post {
  counter += 1;
  return {
    tenantId: 't',
    networkId: 'n',
    postId: `p${counter}`,
    kind: 'share',
    authorId: 'a',
    authorName: 'A',
    text: fields.title,
    tags: [],
    helpfulCount: 0,
    answered: false,
    activityId: `m${counter}`,
    created: new Date('2025-11-10T10:00:00Z'),
    updated: new Date('2025-11-10T10:00:00Z'),
    ...fields,
  };
}

describe('readPostForm', () => {
  it('accepts a good post, tags from Teams\' comma-joined multi-select, case and spacing folded', () => {
    const { draft, problems } = readPostForm({ title: ' Letters ', text: 'Hello\r\nthere', link: 'https://example.org/a', tags: 'Attendance, staff  wellbeing' }, TAGS);
    expect(problems).toEqual([]);
    expect(draft).toEqual({ title: 'Letters', text: 'Hello\nthere', link: 'https://example.org/a', tags: ['attendance', 'staff wellbeing'] });
  });

  it('says every problem at once, with the limits', () => {
    const { draft, problems } = readPostForm({ title: 'x'.repeat(MAX_TITLE + 1), text: '', link: 'www.example.org', tags: ['attendance', 'gossip', 'rumours'] }, TAGS);
    expect(draft).toBeUndefined();
    expect(problems).toEqual([
      `The title is ${MAX_TITLE + 1} characters; keep it to ${MAX_TITLE}.`,
      'Write the idea, question or resource: the text is empty.',
      'The link must be a web address starting with https:// or http://.',
      'Unknown tags: gossip, rumours. Choose from: anxiety, attendance, transition, parents, staff wellbeing.',
    ]);
    expect(readPostForm({ title: 't', text: 'y'.repeat(MAX_TEXT + 1) }, TAGS).problems[0]).toContain(`keep it to ${MAX_TEXT}`);
    expect(readPostForm({ title: 't', text: 'y', tags: 42 }, TAGS).problems[0]).toContain('out of date');
  });

  it('names the field of each problem, and none for a form it cannot read (that one is out of date, not to be fixed)', () => {
    const { fields } = readPostForm({ title: '', text: 'y', link: 'ftp://x', tags: 'gossip' }, TAGS);
    expect(fields.map((f) => f.field)).toEqual(['title', 'link', 'tags']);
    expect(fields[0]).toEqual({ field: 'title', message: 'Give the post a title.' });
    expect(readPostForm({ title: 't', text: 'y', tags: 42 }, TAGS).fields).toEqual([]);
  });

  it('names back only tag-shaped unknown tags, never pasted text or control characters', () => {
    const pasted = '\u0000'.repeat(5000);
    const [problem] = readPostForm({ title: 't', text: 'y', tags: `${pasted},gossip` }, TAGS).problems;
    expect(problem).toBe('Unknown tags: gossip and others. Choose from: anxiety, attendance, transition, parents, staff wellbeing.');
    expect(readPostForm({ title: 't', text: 'y', tags: 'x'.repeat(300) }, TAGS).problems).toEqual([
      "That tag is not on this network's list. Choose from: anxiety, attendance, transition, parents, staff wellbeing.",
    ]);
  });

  it('accepts only http(s) links', () => {
    expect(isWebLink('https://example.org/x?y=1')).toBe(true);
    expect(isWebLink('http://example.org')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'ftp://example.org', 'file:///etc/passwd', 'mailto:a@b.c', 'example.org', 'https://']) expect(isWebLink(bad)).toBe(false);
  });
});

describe('parseTagList', () => {
  it('reads a comma-separated list and refuses odd tags', () => {
    expect(parseTagList('Anxiety, attendance ,, Staff Wellbeing')).toEqual({ tags: ['anxiety', 'attendance', 'staff wellbeing'], problems: [] });
    expect(parseTagList(' , ').problems[0]).toContain('separated by commas');
    expect(parseTagList('ok, <script>').problems[0]).toContain('fix: <script>');
  });
});

describe('PostIndex', () => {
  const attendance = post({ title: 'Attendance letters parents read', text: 'Shorter letters with the SLP number.', tags: ['attendance', 'parents'], created: new Date('2025-11-01T10:00:00Z') });
  const anxiety = post({ title: 'Exam anxiety group', text: 'A six-week group for Year 11 before mocks; attendance was good.', tags: ['anxiety'], created: new Date('2025-11-02T10:00:00Z') });
  const wellbeing = post({ title: 'Staff wellbeing walk', text: 'A Friday walk for staff.', tags: ['staff wellbeing'], created: new Date('2025-11-03T10:00:00Z') });
  const index = new PostIndex([attendance, anxiety, wellbeing]);

  it('ranks a title and tag match above a passing mention in the text', () => {
    expect(index.find('attendance', 10).map((r) => r.post.title)).toEqual(['Attendance letters parents read', 'Exam anxiety group']);
  });

  it('matches plurals, typos, words typed part-way and #tags', () => {
    expect(index.find('letter', 10)[0]?.post.title).toBe('Attendance letters parents read');
    expect(index.find('anxeity', 10)[0]?.post.title).toBe('Exam anxiety group');
    expect(index.find('wellb', 10)[0]?.post.title).toBe('Staff wellbeing walk');
    expect(index.find('#parents', 10)[0]?.post.title).toBe('Attendance letters parents read');
    expect(index.find('   ', 10)).toEqual([]);
    expect(index.find('bereavement', 10)).toEqual([]);
  });

  it('puts the newest first when scores tie', () => {
    const older = post({ title: 'Transition day', text: 'Same text.', created: new Date('2025-09-10T10:00:00Z') });
    const newer = post({ title: 'Transition day', text: 'Same text.', created: new Date('2025-11-10T10:00:00Z') });
    const middle = post({ title: 'Transition day', text: 'Same text.', created: new Date('2025-10-10T10:00:00Z') });
    expect(new PostIndex([older, newer, middle]).find('transition', 10).map((r) => r.post.postId)).toEqual([newer.postId, middle.postId, older.postId]);
  });
});

describe('unansweredQuestions and digestOf', () => {
  const now = new Date('2025-11-20T10:00:00Z');
  const oldOpen = post({ title: 'Old open', kind: 'ask', created: new Date('2025-11-10T10:00:00Z') });
  const newOpen = post({ title: 'New open', kind: 'ask', created: new Date('2025-11-19T10:00:00Z') });
  const answered = post({ title: 'Answered', kind: 'ask', answered: true, created: new Date('2025-11-05T10:00:00Z'), helpfulCount: 1 });
  const popular = post({ title: 'Popular', helpfulCount: 5, created: new Date('2025-11-06T10:00:00Z') });
  const liked = post({ title: 'Liked', helpfulCount: 2, created: new Date('2025-11-07T10:00:00Z') });
  const before = post({ title: 'Last half-term', helpfulCount: 9, created: new Date('2025-10-01T10:00:00Z') });

  it('lists open questions older than a few days, oldest first', () => {
    expect(unansweredQuestions([newOpen, answered, oldOpen, popular], now).map((p) => p.title)).toEqual(['Old open']);
    expect(unansweredQuestions([newOpen, oldOpen], now, 0).map((p) => p.title)).toEqual(['Old open', 'New open']);
  });

  it('digests the half-term: most helpful in the window, open questions, counts', () => {
    const digest = digestOf([oldOpen, newOpen, answered, popular, liked, before], new Date('2025-11-03T00:00:00Z'), new Date('2025-12-19T15:00:00Z'));
    expect(digest.mostHelpful.map((p) => p.title)).toEqual(['Popular', 'Liked', 'Answered']);
    expect(digest.unanswered.map((p) => p.title)).toEqual(['Old open', 'New open']);
    expect(digest.counts).toEqual({ shared: 2, asked: 3, answered: 1, helpful: 8 });
  });
});

describe('messageLink', () => {
  it('links to a channel message and to a chat message', () => {
    expect(messageLink({ tenantId: 't1', conversationId: '19:abc@thread.tacv2', isChannel: true }, '1732356300456')).toBe(
      'https://teams.microsoft.com/l/message/19%3Aabc%40thread.tacv2/1732356300456?tenantId=t1&parentMessageId=1732356300456',
    );
    expect(messageLink({ tenantId: 't1', conversationId: '19:chat@thread.v2', isChannel: false }, '1732')).toBe(
      'https://teams.microsoft.com/l/message/19%3Achat%40thread.v2/1732?context=%7B%22contextType%22%3A%22chat%22%7D',
    );
  });
});
