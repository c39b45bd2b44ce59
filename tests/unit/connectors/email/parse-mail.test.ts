import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseMail, unreadableMail } from '../../../../src-main/core/connectors/email/parse-mail';
import { encodeStateEntry } from '../../../../src-main/core/connectors/email/state-log';

const INTERNAL_DATE = Date.UTC(2024, 4, 1, 12, 0, 0);

/** RFC 2047 B-encoding, as a Korean mail client writes a header. */
function b(text: string): string {
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function base64Lines(data: Buffer): string {
  return (data.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

function message(headers: string[], body: string): Buffer {
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body}`, 'utf8');
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

describe('parseMail', () => {
  it('reads a multipart/alternative message with Korean encoded headers', async () => {
    const raw = message(
      [
        `From: ${b('김민지')} <Minji.Kim@Customer.Example>`,
        `To: Support <SUPPORT@shop.example>, ${b('이서연')} <seoyeon@shop.example>`,
        'Cc: Group: a@x.example, B@X.example;',
        'Reply-To: <reply@customer.example>',
        `Subject: ${b('주문한 상품이 도착하지 않았습니다')}`,
        'Date: Wed, 01 May 2024 09:30:00 +0900',
        'Message-ID: <CAF=abc.123@mail.customer.example>',
        'In-Reply-To: <parent@shop.example> (your message)',
        'References: <root@shop.example>\r\n <parent@shop.example>',
        'X-Shiftdesk-Agent: Kim@Shop.Example',
        'X-Shiftdesk-Action: act-7',
        'MIME-Version: 1.0',
        'Content-Type: multipart/alternative; boundary="alt"',
      ],
      [
        '--alt',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: base64',
        '',
        base64Lines(Buffer.from('안녕하세요,\n주문 번호 1234 입니다.', 'utf8')),
        '--alt',
        'Content-Type: text/html; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        '<p>Hello <b>there</b></p>',
        '--alt--',
        '',
      ].join('\r\n'),
    );
    const mail = await parseMail(raw, { internalDate: INTERNAL_DATE });
    expect(mail).toMatchObject({
      messageId: 'CAF=abc.123@mail.customer.example',
      syntheticId: false,
      inReplyTo: 'parent@shop.example',
      references: ['root@shop.example', 'parent@shop.example'],
      subject: '주문한 상품이 도착하지 않았습니다',
      from: { address: 'minji.kim@customer.example', name: '김민지' },
      replyTo: { address: 'reply@customer.example', name: '' },
      to: [
        { address: 'support@shop.example', name: 'Support' },
        { address: 'seoyeon@shop.example', name: '이서연' },
      ],
      cc: [
        { address: 'a@x.example', name: '' },
        { address: 'b@x.example', name: '' },
      ],
      // When it reached the server; the sender's Date header is a claim, kept apart.
      date: INTERNAL_DATE,
      claimedDate: Date.UTC(2024, 4, 1, 0, 30, 0),
      text: '안녕하세요,\n주문 번호 1234 입니다.',
      attachments: [],
      shiftdeskAgent: 'kim@shop.example',
      shiftdeskAction: 'act-7',
      truncated: false,
    });
    expect(mail.html).toContain('<p>Hello <b>there</b></p>');
  });

  it('reports attachments with their size and keeps their bytes out of the result', async () => {
    const pdf = Buffer.alloc(50_000, 7);
    const raw = message(
      ['From: a@x.example', 'Subject: invoice', 'Message-ID: <m1@x.example>', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="mix"'],
      [
        '--mix',
        'Content-Type: text/plain',
        '',
        'See attached.',
        '--mix',
        `Content-Type: application/pdf; name="${b('청구서.pdf')}"`,
        `Content-Disposition: attachment; filename="${b('청구서.pdf')}"`,
        'Content-Transfer-Encoding: base64',
        '',
        base64Lines(pdf),
        '--mix',
        'Content-Type: application/octet-stream',
        'Content-Transfer-Encoding: base64',
        '',
        base64Lines(Buffer.from('hello')),
        '--mix--',
        '',
      ].join('\r\n'),
    );
    const mail = await parseMail(raw, { internalDate: INTERNAL_DATE });
    expect(mail.text.trim()).toBe('See attached.');
    expect(mail.html).toBeNull();
    expect(mail.attachments).toEqual([
      { id: '2', fileName: '청구서.pdf', contentType: 'application/pdf', size: 50_000, contentId: null, inline: false, partId: '2' },
      { id: '3', fileName: 'attachment-2', contentType: 'application/octet-stream', size: 5, contentId: null, inline: false, partId: '3' },
    ]);
    expect(JSON.stringify(mail).length).toBeLessThan(5_000);
  });

  it('inlines small cid images as data: URIs and leaves big ones as cid: links', async () => {
    const big = Buffer.alloc(4_000, 1);
    const raw = message(
      ['From: a@x.example', 'Subject: photo', 'Message-ID: <m2@x.example>', 'MIME-Version: 1.0', 'Content-Type: multipart/related; boundary="rel"'],
      [
        '--rel',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>Look:</p><img src="cid:small@x"><img src="cid:big@x"><img src="cid:missing@x">',
        '--rel',
        'Content-Type: image/png',
        'Content-ID: <small@x>',
        'Content-Transfer-Encoding: base64',
        '',
        base64Lines(PNG),
        '--rel',
        'Content-Type: image/png',
        'Content-ID: <big@x>',
        'Content-Disposition: inline; filename="big.png"',
        'Content-Transfer-Encoding: base64',
        '',
        base64Lines(big),
        '--rel--',
        '',
      ].join('\r\n'),
    );
    const mail = await parseMail(raw, { internalDate: INTERNAL_DATE, inlineImageMaxBytes: 1_000 });
    expect(mail.html).toContain(`<img src="data:image/png;base64,${PNG.toString('base64')}">`);
    expect(mail.html).toContain('<img src="cid:big@x">');
    expect(mail.html).toContain('<img src="cid:missing@x">');
    // The image shown in the body is not listed again as a file; the one left as a cid: link is.
    expect(mail.attachments.map(({ id, inline, size, contentId }) => ({ id, inline, size, contentId }))).toEqual([{ id: 'big@x', inline: true, size: 4_000, contentId: 'big@x' }]);
    // HTML without a text part: the text is derived from it.
    expect(mail.text).toContain('Look:');
  });

  it('never inlines a non-raster type such as SVG', async () => {
    const raw = message(
      ['From: a@x.example', 'Message-ID: <m3@x.example>', 'MIME-Version: 1.0', 'Content-Type: multipart/related; boundary="rel"'],
      ['--rel', 'Content-Type: text/html', '', '<img src="cid:s@x">', '--rel', 'Content-Type: image/svg+xml', 'Content-ID: <s@x>', '', '<svg onload="alert(1)"/>', '--rel--', ''].join('\r\n'),
    );
    const mail = await parseMail(raw, { internalDate: INTERNAL_DATE });
    expect(mail.html).toContain('cid:s@x');
    expect(mail.html).not.toContain('data:');
  });

  it('synthesises a deterministic id when the Message-ID is missing', async () => {
    const raw = (text: string): Buffer => message(['From: A <a@x.example>', 'Subject: no id', 'Date: Wed, 01 May 2024 09:30:00 +0000'], text);
    const first = await parseMail(raw('body one'), { internalDate: 1 });
    const again = await parseMail(raw('body one'), { internalDate: 2 });
    const other = await parseMail(raw('body two'), { internalDate: 1 });
    expect(first.syntheticId).toBe(true);
    expect(first.messageId).toMatch(/^synthetic\.[0-9a-f]{32}@shiftdesk\.invalid$/);
    expect(again.messageId).toBe(first.messageId);
    expect(other.messageId).not.toBe(first.messageId);
    const garbageId = await parseMail(message(['From: a@x.example', 'Message-ID: <>'], 'x'), { internalDate: 1 });
    expect(garbageId.syntheticId).toBe(true);
  });

  it('dates a message by its arrival (INTERNALDATE); the Date header, when readable, is only what the sender claims', async () => {
    expect(await parseMail(message(['From: a@x.example'], 'x'), { internalDate: INTERNAL_DATE })).toMatchObject({ date: INTERNAL_DATE, claimedDate: null });
    expect(await parseMail(message(['From: a@x.example', 'Date: the day after tomorrow'], 'x'), { internalDate: INTERNAL_DATE })).toMatchObject({ date: INTERNAL_DATE, claimedDate: null });
    // A sender whose clock is a year ahead, and one whose mail took a week: both arrived now.
    expect(await parseMail(message(['From: a@x.example', 'Date: Wed, 24 Feb 2027 09:00:00 +0900'], 'x'), { internalDate: INTERNAL_DATE })).toMatchObject({
      date: INTERNAL_DATE,
      claimedDate: Date.UTC(2027, 1, 24, 0, 0, 0),
    });
    expect(await parseMail(message(['From: a@x.example', 'Date: Wed, 24 Apr 2024 12:00:00 +0000'], 'x'), { internalDate: INTERNAL_DATE })).toMatchObject({
      date: INTERNAL_DATE,
      claimedDate: Date.UTC(2024, 3, 24, 12, 0, 0),
    });
  });

  it('cuts long bodies at a character boundary and says so', async () => {
    const korean = '가'.repeat(1_000); // 3 bytes each
    const raw = message(['From: a@x.example', 'Message-ID: <long@x>', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit'], korean);
    const mail = await parseMail(raw, { internalDate: 1, maxTextBytes: 1_000 });
    expect(mail.truncated).toBe(true);
    expect(mail.text).toBe('가'.repeat(333));

    const html = message(['From: a@x.example', 'Message-ID: <longhtml@x>', 'Content-Type: text/html'], `<p>${'word '.repeat(1_000)}</p><a href="https://example.com/x">link</a>`);
    const cut = await parseMail(html, { internalDate: 1, maxTextBytes: 5_003 });
    expect(cut.truncated).toBe(true);
    expect(cut.html!.length).toBeLessThanOrEqual(5_003);
    expect(cut.html).not.toMatch(/<[^>]*$/); // no tag left open at the cut
  });

  it('streams an ~8 MB attachment through without keeping it', async () => {
    const size = 8 * 1024 * 1024;
    const chunkBytes = 57 * 1024; // a multiple of 57 bytes: whole 76-char base64 lines
    async function* source(): AsyncGenerator<Buffer> {
      yield Buffer.from(
        [
          'From: big@x.example',
          'Subject: big file',
          'Message-ID: <big@x.example>',
          'MIME-Version: 1.0',
          'Content-Type: multipart/mixed; boundary="b"',
          '',
          '--b',
          'Content-Type: text/html',
          '',
          '<p>Here is the file</p>',
          '--b',
          'Content-Type: application/zip',
          'Content-Disposition: attachment; filename="logs.zip"',
          'Content-Transfer-Encoding: base64',
          '',
          '',
        ].join('\r\n'),
      );
      const chunk = Buffer.alloc(chunkBytes, 0xab);
      for (let sent = 0; sent < size; sent += chunkBytes) {
        yield Buffer.from(`${base64Lines(chunk.subarray(0, Math.min(chunkBytes, size - sent)))}\r\n`);
      }
      yield Buffer.from('--b--\r\n');
    }
    const mail = await parseMail(Readable.from(source()), { internalDate: 1 });
    expect(mail.attachments).toEqual([expect.objectContaining({ fileName: 'logs.zip', size, inline: false })]);
    expect(mail.html!.length).toBeLessThan(1_000);
    expect(mail.text).toContain('Here is the file');
    // The bytes were counted and dropped as they streamed by: nothing of them is in the result.
    expect(JSON.stringify(mail).length).toBeLessThan(2_000);
  });

  it('reads the state-log messages Shiftdesk writes', async () => {
    const { raw, messageId } = encodeStateEntry(
      { v: 1, caseRemoteId: 'mail-abc', actionId: 'act-9', actor: { email: 'lee@shop.example', name: '이서연' }, at: INTERNAL_DATE, status: 'open', addTags: ['환불'] },
      { mailbox: 'support@shop.example' },
    );
    const mail = await parseMail(Buffer.from(raw), { internalDate: 1 });
    expect(mail.messageId).toBe(messageId);
    expect(mail.subject).toBe('[Shiftdesk] mail-abc: status open, tag +환불');
    expect(mail.from).toEqual({ address: 'support@shop.example', name: '이서연 via Shiftdesk' });
    expect(mail.claimedDate).toBe(INTERNAL_DATE);
  });

  it('tolerates malformed input the way mailparser does, without throwing', async () => {
    const inputs = [
      Buffer.alloc(0),
      Buffer.from('just some text without headers'),
      Buffer.from([0xff, 0x00, 0xfe, 0x0d, 0x0a, 0x0d, 0x0a, 0x80, 0x81]),
      message(['Content-Type: multipart/mixed; boundary="never-closed"', 'From: <<<>>>', 'To: ,,,', 'References: <<a@x>>'], '--never-closed\r\nContent-Type: text/plain\r\n\r\nhello'),
      message(['Content-Type: text/plain; charset=no-such-charset', 'Content-Transfer-Encoding: base64'], '!!!not base64!!!'),
    ];
    for (const input of inputs) {
      try {
        const mail = await parseMail(input, { internalDate: INTERNAL_DATE });
        expect(mail.messageId).not.toBe('');
        expect(mail.date).toBe(INTERNAL_DATE);
      } catch (error) {
        expect(String(error)).toMatch(/could not be parsed/);
      }
    }
  });

  it('rejects with a readable error when the source fails', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(parseMail(failing, { internalDate: 1 })).rejects.toThrow(/could not be parsed: connection reset/);
  });

  it('stands in for a message it cannot read with a note that says where it is, never stopping the sync', () => {
    const where = { folder: 'INBOX', validity: '7', uid: 42 };
    const mail = unreadableMail(where, INTERNAL_DATE, new Error('stream ended early'));
    expect(mail).toMatchObject({ subject: '(unreadable message)', from: null, date: INTERNAL_DATE, syntheticId: true });
    expect(mail.text).toContain('stream ended early');
    expect(mail.text).toContain('UID 42');
    // The same place gives the same id (read again, it is one message); another place another id.
    expect(unreadableMail(where, INTERNAL_DATE, 'x').messageId).toBe(mail.messageId);
    expect(unreadableMail({ ...where, uid: 43 }, INTERNAL_DATE, 'x').messageId).not.toBe(mail.messageId);
  });
});
