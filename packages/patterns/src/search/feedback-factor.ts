/** The ranking factor of a pattern's feedback: 1 with none, rising towards 2 with acceptances, falling towards 0 with rejections. */
export function feedbackFactor(accepted: number, rejected: number, weight: number): number {
  const prior = (accepted + 1) / (accepted + rejected + 2)
  return (2 * prior) ** weight
}
