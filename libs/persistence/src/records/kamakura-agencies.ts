/**
 * Kamakura's consultation agencies with their public phone numbers, from the city's guide to the
 * multi-layered support system (相談支援事業者一覧, 2023), plus the coordinator office.
 */
export const KAMAKURA_AGENCIES = [
  ['libero-kamakura', 'Libero かまくら（鎌倉市社会福祉協議会）', 'coordination', '0467-40-3240'],
  ['fukushi-somu', '鎌倉市健康福祉部福祉総務課', 'general', '0467-61-3436'],
  ['houkatsu-kamakura', '地域包括支援センター 鎌倉市社会福祉協議会', 'elderly', '0467-61-2600'],
  ['houkatsu-midorinosono', '地域包括支援センター みどりの園鎌倉', 'elderly', '0467-62-0666'],
  ['houkatsu-kamakura-kishiro', '地域包括支援センター 鎌倉きしろ', 'elderly', '0467-40-4434'],
  ['houkatsu-shonan-kamakura', '地域包括支援センター 湘南鎌倉', 'elderly', '0467-41-4013'],
  ['houkatsu-seiyokan', '地域包括支援センター 鎌倉静養館', 'elderly', '0467-23-9110'],
  ['houkatsu-kishiro', '地域包括支援センター きしろ', 'elderly', '0467-42-7503'],
  ['houkatsu-st-theresia', '地域包括支援センター 聖テレジア', 'elderly', '0467-38-1581'],
  ['houkatsu-fureai', '地域包括支援センター ふれあいの泉', 'elderly', '0467-43-5977'],
  ['houkatsu-st-theresia-2', '地域包括支援センター 聖テレジア 2', 'elderly', '0467-38-6612'],
  ['houkatsu-sasarindo', '地域包括支援センター ささりんどう鎌倉', 'elderly', '0467-42-3702'],
  ['kikan-soudan', '鎌倉市基幹相談支援センター', 'disability', '0467-39-6122'],
  ['jiritsu-kamakura', 'インクル相談室鎌倉（自立相談支援事業所）', 'poverty', '0467-46-2119'],
  ['sodan-traim', '地域生活サポートセンター とらいむ', 'disability', '0467-61-3205'],
  ['sodan-carrot', 'キャロットサポートセンター', 'disability', '0467-25-3939'],
  ['sodan-kamakura-chiiki', '鎌倉地域支援室', 'disability', '0467-55-8878'],
  ['kodomo-katei-soudan', 'こどもと家庭の相談室', 'children', '0467-23-0630'],
  ['kyoiku-center', '教育センター相談室', 'children', '0467-24-3386'],
  ['kosodate-kamakura', '鎌倉子育て支援センター', 'children', '0467-23-0606'],
  ['kosodate-ofuna', '大船子育て支援センター', 'children', '0467-47-3377'],
  ['kosodate-fukasawa', '深沢子育て支援センター', 'children', '0467-48-0550'],
  ['kosodate-tamanawa', '玉縄子育て支援センター', 'children', '0467-45-5077'],
].map(([code, name, field, phone]) => ({ code, municipality: '142042', name, field, phone }));
