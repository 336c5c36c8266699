/** Chinese and English messages for the `exchange.*` codes (registered in `src/http/messages.ts`). */
export const exchangeMessages: Record<string, { zh: string; en: string }> = {
  'exchange.unknown_change': { zh: '没有编号为 {id} 的待报送变更，未作任何确认', en: 'There is no change {id}; nothing was acknowledged' },
};
