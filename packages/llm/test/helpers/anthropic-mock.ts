import type { ServerResponse } from 'node:http'
import type { SeenRequest } from './loopback-server.js'

/** Answers a Messages API request the way api.anthropic.com does: JSON, or SSE when `stream` is set. */
export function answerMessages(request: SeenRequest, response: ServerResponse, text: string): void {
  const body = JSON.parse(request.body) as { model: string; stream?: boolean }
  const usage = { input_tokens: 12, output_tokens: 7 }
  if (!body.stream) {
    response.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req_test' })
    response.end(
      JSON.stringify({
        id: 'msg_test',
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: [{ type: 'text', text }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage,
      }),
    )
    return
  }
  response.writeHead(200, { 'content-type': 'text/event-stream' })
  const send = (type: string, data: object) => response.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`)
  send('message_start', {
    message: {
      id: 'msg_test',
      type: 'message',
      role: 'assistant',
      model: body.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 12, output_tokens: 0 },
    },
  })
  send('content_block_start', { index: 0, content_block: { type: 'text', text: '' } })
  send('ping', {})
  for (const piece of text.match(/.{1,4}/gs) ?? []) send('content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } })
  send('content_block_stop', { index: 0 })
  send('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 7 } })
  send('message_stop', {})
  response.end()
}

/** Answers 529 overloaded, as the API does under load; `retry-after-ms` keeps SDK retries fast in tests. */
export function answerOverloaded(response: ServerResponse): void {
  response.writeHead(529, { 'content-type': 'application/json', 'retry-after-ms': '10' })
  response.end(JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }))
}
