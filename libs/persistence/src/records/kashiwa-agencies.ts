/**
 * Kashiwa's consultation agencies, one per kind its direction paper counts referrals by
 * (柏市 重層的支援体制整備事業の方向性: 各相談機関から他の機関につないだ件数), plus the social welfare
 * council its block meetings name. The paper gives no phone numbers, so none are seeded.
 */
export const KASHIWA_AGENCIES = [
  ['houkatsu-kashiwa', '柏市 地域包括支援センター', 'elderly'],
  ['kyoten-kashiwa', '柏市 地域生活支援拠点', 'disability'],
  ['ikiiki-kashiwa', '柏市 いきいきセンター', 'elderly'],
  ['katei-jido-kashiwa', '柏市 家庭児童相談', 'children'],
  ['hughug-kashiwa', '柏市 地域子育て支援拠点（はぐはぐ）', 'children'],
  ['ainet-kashiwa', '柏市 福祉の総合相談窓口（あいネット）', 'general'],
  ['shakyo-kashiwa', '柏市社会福祉協議会', 'coordination'],
].map(([code, name, field]) => ({ code, municipality: '122173', name, field, phone: null }));
