/**
 * Demo referrals drawn from the household patterns in the Kamakura guide. Fixed ids make seeding
 * idempotent: re-running `make up` finds the same cases instead of adding new ones.
 */
export const DEMO_REFERRALS = [
  {
    id: '5d0b1d1e-8050-4c1a-9d1e-000000008050',
    municipality: '142042',
    programme: 'collaboration',
    fields: ['elderly', 'poverty'],
    referringAgency: 'houkatsu-kamakura', // 地域包括支援センター
    householdName: '鎌倉 太郎 世帯 (demo)',
    summary: '80代の父（認知症）と長年ひきこもりの50代の息子。生活費が不足している。',
  },
  {
    id: '5d0b1d1e-0ca7-4e2a-9b1e-00000000ca7e',
    municipality: '142042',
    programme: 'collaboration',
    fields: ['children', 'disability'],
    referringAgency: 'kodomo-katei-soudan', // 子ども家庭相談
    householdName: '大船 花子 世帯 (demo)',
    summary: 'うつ病の母の代わりに家事を担う学生の娘（ヤングケアラー）。欠席が増えている。',
  },
  {
    id: '5d0b1d1e-41c0-4f3a-8c1e-0000000041c0',
    municipality: '142042',
    programme: 'outreach',
    fields: ['disability', 'general'],
    referringAgency: 'kikan-soudan', // 基幹相談支援センター
    householdName: '腰越 由美 (demo)',
    summary: '20代女性。自閉症と双極性障害。学校でのいじめ以来、孤立している。',
  },
] as const;
