//! Table-driven tests of the value recognizer through its public API.
//!
//! A case is a name, an input (lines separated by `\n`, read in order with one
//! [`DateContext`], reference date 2025-01-10 unless the name starts with `noref_`) and the
//! values expected over all its lines, in order. An expected value is written
//! `span|kind|value` followed by any of `|max=…`, `|unit=…`, `|cur=…`, `|q=…`; kind is `n`
//! (number), `m` (money), `p` (percent) or `d` (date). Everything not written must be absent:
//! no value_max, no unit (percents: `%`), no currency, qualifier `exact`. An unresolved date
//! (no year known) is written with value `null`.

use std::collections::HashSet;

use transcript_facts::model::{MentionKind, Qualifier, Value};
use transcript_facts::normalize::NormalizedLine;
use transcript_facts::recognize::values::{CalendarDate, DateContext, ValueRecognizer};

pub(crate) type Case = (&'static str, &'static str, &'static [&'static str]);

const CHINESE_NUMERALS: &[Case] = &[
    ("cn_123", "一百二十三", &["一百二十三|n|123"]),
    ("cn_11", "十一", &["十一|n|11"]),
    ("cn_10005", "一万零五", &["一万零五|n|10005"]),
    ("cn_200_liang", "两百", &["两百|n|200"]),
    (
        "cn_10010001",
        "一千零一万零一",
        &["一千零一万零一|n|10010001"],
    ),
    ("cn_2300", "两千三百", &["两千三百|n|2300"]),
    ("cn_35000_colloquial", "三万五", &["三万五|n|35000"]),
    ("cn_1300_colloquial", "千三", &["千三|n|1300"]),
    ("cn_2e8_ge", "两个亿", &["两个亿|n|200000000"]),
    (
        "cn_1e9_ge_over",
        "赚了十个亿出头",
        &["十个亿出头|n|1000000000|q=over"],
    ),
    ("cn_12000_colloquial", "一万二", &["一万二|n|12000"]),
    ("cn_3500_colloquial", "三千五", &["三千五|n|3500"]),
    ("cn_108000", "十万八千", &["十万八千|n|108000"]),
    ("cn_3e6", "三百万", &["三百万|n|3000000"]),
    ("cn_2e9", "二十亿", &["二十亿|n|2000000000"]),
    ("cn_1_2e7", "一千二百万", &["一千二百万|n|12000000"]),
    ("cn_9_8e8", "九亿八千万", &["九亿八千万|n|980000000"]),
    ("cn_decimal_316", "三点一六", &["三点一六|n|3.16"]),
    ("cn_decimal_1_5", "一点五", &["一点五|n|1.5"]),
    ("cn_decimal_314", "三点一四", &["三点一四|n|3.14"]),
    ("cn_decimal_yi", "三点五亿", &["三点五亿|n|350000000"]),
    ("cn_250_colloquial", "两百五", &["两百五|n|250"]),
    ("cn_105", "一百零五", &["一百零五|n|105"]),
    ("cn_302", "三百零二", &["三百零二|n|302"]),
    ("cn_1010", "一千零十", &["一千零十|n|1010"]),
    ("cn_20", "二十", &["二十|n|20"]),
    ("cn_99", "九十九", &["九十九|n|99"]),
    ("cn_1e4", "一万", &["一万|n|10000"]),
    ("cn_1e5", "十万", &["十万|n|100000"]),
    ("cn_1e6", "一百万", &["一百万|n|1000000"]),
    ("cn_1e7", "一千万", &["一千万|n|10000000"]),
    ("cn_1e8", "一亿", &["一亿|n|100000000"]),
    ("cn_1e9", "十亿", &["十亿|n|1000000000"]),
    ("cn_1e10", "一百亿", &["一百亿|n|10000000000"]),
    ("cn_1e11", "一千亿", &["一千亿|n|100000000000"]),
    ("cn_1e12", "一万亿", &["一万亿|n|1000000000000"]),
    ("cn_2e12", "两万亿", &["两万亿|n|2000000000000"]),
    ("cn_5000", "五千", &["五千|n|5000"]),
    ("cn_600", "六百", &["六百|n|600"]),
    ("cn_80", "八十", &["八十|n|80"]),
    ("cn_72", "七十二", &["七十二|n|72"]),
    ("cn_12", "十二", &["十二|n|12"]),
    ("cn_100", "一百", &["一百|n|100"]),
    ("cn_1000", "一千", &["一千|n|1000"]),
    ("cn_10100", "一万零一百", &["一万零一百|n|10100"]),
    ("cn_100003", "十万零三", &["十万零三|n|100003"]),
    ("cn_105e6", "一亿零五百万", &["一亿零五百万|n|105000000"]),
    ("cn_financial", "壹佰贰拾叁", &["壹佰贰拾叁|n|123"]),
    ("cn_traditional_yi", "三億", &["三億|n|300000000"]),
    ("cn_traditional_wan_liang", "兩萬", &["兩萬|n|20000"]),
    ("cn_traditional_colloquial", "三萬五", &["三萬五|n|35000"]),
    ("cn_yi_wu_colloquial", "一亿五", &["一亿五|n|150000000"]),
    (
        "cn_in_sentence",
        "全国有十三亿人",
        &["十三亿人|n|1300000000|unit=人"],
    ),
    ("cn_negative", "气温是负三", &["负三|n|-3"]),
    (
        "cn_fraction_third",
        "三分之一",
        &["三分之一|n|0.3333333333333333"],
    ),
    ("cn_fraction_half", "二分之一的概率", &["二分之一|n|0.5"]),
    ("cn_yao_digits", "拨打幺幺零", &["幺幺零|n|110"]),
    ("cn_hundred_eighty", "百八十", &["百八十|n|180"]),
    ("cn_wan_yi_compound", "四万亿", &["四万亿|n|4000000000000"]),
    ("cn_yi_wan_mixed", "三亿五千万", &["三亿五千万|n|350000000"]),
    (
        "cn_with_measure_big",
        "十万张卡",
        &["十万张|n|100000|unit=张"],
    ),
    ("cn_zero_point", "零点五", &["零点五|n|0.5"]),
];

const MIXED_UNITS: &[Case] = &[
    ("mix_3600_wan", "3600 万", &["3600 万|n|36000000"]),
    ("mix_1_5_yi", "1.5亿", &["1.5亿|n|150000000"]),
    ("mix_comma_2500", "2,500万", &["2,500万|n|25000000"]),
    ("mix_1wan600", "1万600", &["1万600|n|10600"]),
    ("mix_4_78_wanyi", "4.78万亿", &["4.78万亿|n|4780000000000"]),
    ("mix_5qian", "5千", &["5千|n|5000"]),
    ("mix_1_5wan", "1.5万", &["1.5万|n|15000"]),
    ("mix_3qianwan", "3千万", &["3千万|n|30000000"]),
    ("mix_10yi", "10亿", &["10亿|n|1000000000"]),
    ("mix_100wan", "100万", &["100万|n|1000000"]),
    ("mix_0_5yi", "0.5亿", &["0.5亿|n|50000000"]),
    ("mix_12_5wan", "12.5万", &["12.5万|n|125000"]),
    ("mix_1100_space", "1100 万", &["1100 万|n|11000000"]),
    ("mix_fullwidth", "１５０万", &["１５０万|n|1500000"]),
    ("mix_5bai", "5百", &["5百|n|500"]),
    ("mix_3wan5qian", "3万5千", &["3万5千|n|35000"]),
    ("mix_1wan5", "1万5", &["1万5|n|15000"]),
    ("mix_zi", "20万字", &["20万字|n|200000|unit=字"]),
    ("mix_params", "700亿参数", &["700亿|n|70000000000"]),
    ("mix_space_yi", "6000 亿", &["6000 亿|n|600000000000"]),
    (
        "mix_comma_million",
        "1,000,000人",
        &["1,000,000人|n|1000000|unit=人"],
    ),
    ("mix_decimal_unit", "3.5公里", &["3.5公里|n|3.5|unit=公里"]),
    ("mix_gb", "显存有80GB", &["80GB|n|80|unit=GB"]),
    ("mix_params_b", "一个 70B 的模型", &["70B|n|70|unit=B"]),
    (
        "mix_tokens",
        "每天处理 100万tokens",
        &["100万tokens|n|1000000|unit=tokens"],
    ),
    (
        "mix_fullwidth_digits_unit",
        "２０２个",
        &["２０２个|n|202|unit=个"],
    ),
    ("mix_wan_ci", "500 万次", &["500 万次|n|5000000|unit=次"]),
    ("mix_pingmi", "100 平米", &["100 平米|n|100|unit=平米"]),
    ("mix_months", "3个月", &["3个月|n|3|unit=个月"]),
    ("mix_years", "40年前", &["40年|n|40|unit=年"]),
    ("mix_times", "提升了 3 倍", &["3 倍|n|3|unit=倍"]),
];

const QUALIFIERS: &[Case] = &[
    ("q_near_jin", "近 500 万", &["近 500 万|n|5000000|q=near"]),
    (
        "q_near_jiejin_ci",
        "接近 500 万次",
        &["接近 500 万次|n|5000000|unit=次|q=near"],
    ),
    (
        "q_near_jiangjin",
        "将近三千人",
        &["将近三千人|n|3000|unit=人|q=near"],
    ),
    (
        "q_near_qianwan",
        "接近千万",
        &["接近千万|n|10000000|q=near"],
    ),
    (
        "q_near_bijin",
        "逼近100亿",
        &["逼近100亿|n|10000000000|q=near"],
    ),
    (
        "q_about_yue",
        "约 300 人",
        &["约 300 人|n|300|unit=人|q=about"],
    ),
    (
        "q_about_both",
        "大约为 20 万左右",
        &["大约为 20 万左右|n|200000|q=about"],
    ),
    (
        "q_about_dayue",
        "大约 50 万",
        &["大约 50 万|n|500000|q=about"],
    ),
    (
        "q_about_dagai_shi",
        "估值大概是58亿欧元",
        &["大概是58亿欧元|m|5800000000|cur=EUR|q=about"],
    ),
    (
        "kuai_counts_latin_things",
        "用了20万块GPU训练",
        &["20万块|n|200000|unit=块"],
    ),
    ("q_about_zuoyou", "50万左右", &["50万左右|n|500000|q=about"]),
    (
        "q_about_shangxia",
        "100人上下",
        &["100人上下|n|100|unit=人|q=about"],
    ),
    (
        "q_about_dagai",
        "大概三千万",
        &["大概三千万|n|30000000|q=about"],
    ),
    (
        "q_about_linked_daole",
        "估值差不多到了 50 亿元",
        &["差不多到了 50 亿元|m|5000000000|cur=CNY|q=about"],
    ),
    (
        "q_about_linked_you",
        "团队大概有 3000 人",
        &["大概有 3000 人|n|3000|unit=人|q=about"],
    ),
    (
        "q_near_linked_dadao",
        "月销量将近达到 1 万台",
        &["将近达到 1 万台|n|10000|unit=台|q=near"],
    ),
    (
        "q_one_char_not_linked",
        "近有 3 家公司",
        &["3 家|n|3|unit=家"],
    ),
    (
        "q_over_chaoguole",
        "超过了 3000 万",
        &["超过了 3000 万|n|30000000|q=over"],
    ),
    (
        "q_over_chaoguo",
        "超过 3600 万",
        &["超过 3600 万|n|36000000|q=over"],
    ),
    ("q_over_chao", "超3000万", &["超3000万|n|30000000|q=over"]),
    ("q_over_guoyi", "营收过亿", &["过亿|n|100000000|q=over"]),
    (
        "q_over_duo_inner",
        "三千多万",
        &["三千多万|n|30000000|max=40000000|q=over"],
    ),
    ("q_over_100duo", "100多", &["100多|n|100|max=200|q=over"]),
    ("q_over_yu", "1万余", &["1万余|n|10000|max=20000|q=over"]),
    ("q_over_yu_qianwan", "逾千万", &["逾千万|n|10000000|q=over"]),
    (
        "q_over_yishang",
        "10亿以上",
        &["10亿以上|n|1000000000|q=over"],
    ),
    (
        "q_over_shangwan",
        "上万人",
        &["上万人|n|10000|unit=人|q=over"],
    ),
    (
        "q_over_shangbai",
        "上百家",
        &["上百家|n|100|unit=家|q=over"],
    ),
    (
        "q_over_ershiduo",
        "二十多个",
        &["二十多个|n|20|max=30|unit=个|q=over"],
    ),
    (
        "q_over_geduoyue",
        "三个多月",
        &["三个多月|n|3|unit=个月|q=over"],
    ),
    (
        "q_over_20duonian",
        "20多年",
        &["20多年|n|20|max=30|unit=年|q=over"],
    ),
    (
        "q_over_shiyu",
        "十余年",
        &["十余年|n|10|max=20|unit=年|q=over"],
    ),
    ("q_over_chutou", "三十出头", &["三十出头|n|30|q=over"]),
    (
        "q_over_zhishao",
        "至少 100 家",
        &["至少 100 家|n|100|unit=家|q=over"],
    ),
    (
        "q_over_tupo",
        "用户突破1亿",
        &["突破1亿|n|100000000|q=over"],
    ),
    ("q_over_niandu", "两年多", &["两年多|n|2|unit=年|q=over"]),
    (
        "q_under_budao",
        "不到 100 平米",
        &["不到 100 平米|n|100|unit=平米|q=under"],
    ),
    (
        "q_under_buzu_percent",
        "不足 1%",
        &["不足 1%|p|1|unit=%|q=under"],
    ),
    ("q_under_diyu", "低于 5 万", &["低于 5 万|n|50000|q=under"]),
    (
        "q_under_yixia_money",
        "1000元以下",
        &["1000元以下|m|1000|cur=CNY|q=under"],
    ),
    (
        "q_under_buchaoguo",
        "不超过 3 个",
        &["不超过 3 个|n|3|unit=个|q=under"],
    ),
    (
        "q_under_yinei",
        "50人以内",
        &["50人以内|n|50|unit=人|q=under"],
    ),
    (
        "q_several_shuyi_usd",
        "数亿美元",
        &["数亿美元|m|100000000|max=1000000000|cur=USD|q=several"],
    ),
    (
        "q_several_qianwan_usd",
        "数千万美金",
        &["数千万美金|m|10000000|max=100000000|cur=USD|q=several"],
    ),
    (
        "q_several_jibaiwan",
        "几百万",
        &["几百万|n|1000000|max=10000000|q=several"],
    ),
    (
        "q_several_shushiyi",
        "数十亿",
        &["数十亿|n|1000000000|max=10000000000|q=several"],
    ),
    (
        "q_several_jishige",
        "几十个",
        &["几十个|n|10|max=100|unit=个|q=several"],
    ),
    (
        "q_several_shijiwan",
        "十几万",
        &["十几万|n|100000|max=200000|q=several"],
    ),
    (
        "q_several_haoji",
        "好几百万",
        &["好几百万|n|1000000|max=10000000|q=several"],
    ),
    (
        "q_several_shubai",
        "数百家",
        &["数百家|n|100|max=1000|unit=家|q=several"],
    ),
    (
        "q_several_jigeyi",
        "几个亿",
        &["几个亿|n|100000000|max=1000000000|q=several"],
    ),
    ("q_near_percent", "近七成", &["近七成|p|70|unit=%|q=near"]),
    ("q_not_zuijin", "最近 3 个月", &["3 个月|n|3|unit=个月"]),
    ("q_not_jingguo", "经过3年", &["3年|n|3|unit=年"]),
];

const RANGES: &[Case] = &[
    (
        "r_months_spaces",
        "4 - 6 个月",
        &["4 - 6 个月|n|4|max=6|unit=个月|q=range"],
    ),
    (
        "r_yi_yuan",
        "1-2亿元",
        &["1-2亿元|m|100000000|max=200000000|cur=CNY|q=range"],
    ),
    (
        "r_shiqiba",
        "十七八万",
        &["十七八万|n|170000|max=180000|q=range"],
    ),
    (
        "r_liangsanbai",
        "两三百万",
        &["两三百万|n|2000000|max=3000000|q=range"],
    ),
    (
        "r_dao_ge",
        "三到五个",
        &["三到五个|n|3|max=5|unit=个|q=range"],
    ),
    ("r_dao_wan", "3到5万", &["3到5万|n|30000|max=50000|q=range"]),
    (
        "r_dash_wan",
        "100-200万",
        &["100-200万|n|1000000|max=2000000|q=range"],
    ),
    (
        "r_percent_both",
        "5%-10%",
        &["5%-10%|p|5|max=10|unit=%|q=range"],
    ),
    (
        "r_percent_one",
        "5-10%",
        &["5-10%|p|5|max=10|unit=%|q=range"],
    ),
    (
        "r_percent_cn",
        "百分之五到百分之十",
        &["百分之五到百分之十|p|5|max=10|unit=%|q=range"],
    ),
    (
        "r_percent_cheng",
        "七八成",
        &["七八成|p|70|max=80|unit=%|q=range"],
    ),
    (
        "r_years_cn",
        "一到两年",
        &["一到两年|n|1|max=2|unit=年|q=range"],
    ),
    ("r_tilde", "3~5年", &["3~5年|n|3|max=5|unit=年|q=range"]),
    ("r_sansi", "三四个", &["三四个|n|3|max=4|unit=个|q=range"]),
    (
        "r_qiba_shi",
        "七八十人",
        &["七八十人|n|70|max=80|unit=人|q=range"],
    ),
    ("r_zhi", "5至10家", &["5至10家|n|5|max=10|unit=家|q=range"]),
    (
        "r_usd",
        "1000-2000万美元",
        &["1000-2000万美元|m|10000000|max=20000000|cur=USD|q=range"],
    ),
    (
        "r_years_span",
        "2020-2024年",
        &["2020|d|2020", "2024年|d|2024"],
    ),
    ("r_not_bare", "比分 3-2", &[]),
    (
        "r_money_twice",
        "1万元到2万元",
        &["1万元到2万元|m|10000|max=20000|cur=CNY|q=range"],
    ),
    (
        "r_unit_twice",
        "3个月到6个月",
        &["3个月到6个月|n|3|max=6|unit=个月|q=range"],
    ),
    (
        "r_usd_twice",
        "100美元-200美元",
        &["100美元-200美元|m|100|max=200|cur=USD|q=range"],
    ),
    ("r_descending_not", "10-5 个", &["5 个|n|5|unit=个"]),
];

const MONEY: &[Case] = &[
    // A minus sign said or written before a figure, as reports and speech recognition give it.
    (
        "m_minus_spaced",
        "净利润 -2.6 亿元",
        &["-2.6 亿元|m|-260000000|cur=CNY"],
    ),
    (
        "m_minus_after_word",
        "经营现金流是-8000万美元",
        &["-8000万美元|m|-80000000|cur=USD"],
    ),
    (
        "m_fu_spaced",
        "利润率变成了负 3 亿元",
        &["负 3 亿元|m|-300000000|cur=CNY"],
    ),
    (
        "m_dash_between_numbers",
        "估值在 3 -5 亿美元之间",
        &["3 -5 亿美元|m|300000000|max=500000000|cur=USD|q=range"],
    ),
    // Signed figures listed one after another are a list, not a range.
    (
        "m_signed_list",
        "前后分别亏了 -3.2 亿元 -5.1 亿元",
        &[
            "-3.2 亿元|m|-320000000|cur=CNY",
            "-5.1 亿元|m|-510000000|cur=CNY",
        ],
    ),
    (
        "m_signed_list_bare",
        "利润依次是 -12 亿 -8 亿",
        &["-12 亿|n|-1200000000", "-8 亿|n|-800000000"],
    ),
    (
        "m_usd_space",
        "6000 亿美元",
        &["6000 亿美元|m|600000000000|cur=USD"],
    ),
    (
        "m_cny_over",
        "超过千万元人民币",
        &["超过千万元人民币|m|10000000|cur=CNY|q=over"],
    ),
    (
        "m_cny_guoyi",
        "过亿人民币",
        &["过亿人民币|m|100000000|cur=CNY|q=over"],
    ),
    ("m_yuan", "100元", &["100元|m|100|cur=CNY"]),
    ("m_kuaiqian", "100块钱", &["100块钱|m|100|cur=CNY"]),
    ("m_kuai_end", "卖 50块", &["50块|m|50|cur=CNY"]),
    ("m_kuai_count", "三块屏幕", &["三块|n|3|unit=块"]),
    ("m_yikuaiqian", "一块钱", &["一块钱|m|1|cur=CNY"]),
    ("m_yiyuan", "融资5亿元", &["5亿元|m|500000000|cur=CNY"]),
    ("m_usd_wan", "1.2万美元", &["1.2万美元|m|12000|cur=USD"]),
    ("m_hkd_yuan", "100万港元", &["100万港元|m|1000000|cur=HKD"]),
    ("m_hkd_bi", "100万港币", &["100万港币|m|1000000|cur=HKD"]),
    ("m_eur", "50亿欧元", &["50亿欧元|m|5000000000|cur=EUR"]),
    (
        "m_jpy",
        "1000亿日元",
        &["1000亿日元|m|100000000000|cur=JPY"],
    ),
    ("m_gbp", "10万英镑", &["10万英镑|m|100000|cur=GBP"]),
    (
        "m_prefix_rmb",
        "人民币100亿元",
        &["人民币100亿元|m|10000000000|cur=CNY"],
    ),
    ("m_prefix_dollar", "售价$100", &["$100|m|100|cur=USD"]),
    (
        "m_prefix_usdollar",
        "US$5亿",
        &["US$5亿|m|500000000|cur=USD"],
    ),
    ("m_prefix_yen_sign", "¥100", &["¥100|m|100|cur=CNY"]),
    ("m_prefix_fullwidth_yen", "￥100", &["￥100|m|100|cur=CNY"]),
    (
        "m_jiao_fen",
        "六十四万零一百四十三元一角七分",
        &["六十四万零一百四十三元一角七分|m|640143.17|cur=CNY"],
    ),
    ("m_yiyuanqian", "一元钱", &["一元钱|m|1|cur=CNY"]),
    (
        "m_under",
        "3万元以下",
        &["3万元以下|m|30000|cur=CNY|q=under"],
    ),
    ("m_shikuaiqian", "十块钱", &["十块钱|m|10|cur=CNY"]),
    (
        "m_several_usd",
        "阶跃星辰在完成数亿美元B轮融资后",
        &["数亿美元|m|100000000|max=1000000000|cur=USD|q=several"],
    ),
    (
        "m_usd_meijin",
        "套现数千万美金",
        &["数千万美金|m|10000000|max=100000000|cur=USD|q=several"],
    ),
    ("m_cn_yuan", "三千万元", &["三千万元|m|30000000|cur=CNY"]),
    (
        "m_declared_usd",
        "以下金额单位为美元，下同\n营收 100 亿元",
        &["100 亿元|m|10000000000|cur=USD"],
    ),
    (
        "m_declared_cny_paren",
        "（人民币，下同）\n利润 5 亿元",
        &["5 亿元|m|500000000|cur=CNY"],
    ),
    (
        "m_declared_not_jpy",
        "美元，下同\n1000亿日元",
        &["1000亿日元|m|100000000000|cur=JPY"],
    ),
    (
        "m_about",
        "约 2 亿美元",
        &["约 2 亿美元|m|200000000|cur=USD|q=about"],
    ),
    (
        "m_wan_yuan_over",
        "100多万元",
        &["100多万元|m|1000000|max=2000000|cur=CNY|q=over"],
    ),
    (
        "m_taiwan",
        "新台币 177.1 亿元",
        &["新台币 177.1 亿元|m|17710000000|cur=TWD"],
    ),
    ("m_yiyuan_word_not", "一元化管理", &[]),
];

const PERCENTS: &[Case] = &[
    ("p_80", "80%", &["80%|p|80|unit=%"]),
    ("p_80_space", "80 %", &["80 %|p|80|unit=%"]),
    ("p_bafenzhi_80", "百分之八十", &["百分之八十|p|80|unit=%"]),
    (
        "p_decimal_cn",
        "百分之三点五",
        &["百分之三点五|p|3.5|unit=%"],
    ),
    ("p_qicheng", "七成", &["七成|p|70|unit=%"]),
    ("p_sanchengwu", "三成五", &["三成五|p|35|unit=%"]),
    (
        "p_bajiucheng",
        "八九成",
        &["八九成|p|80|max=90|unit=%|q=range"],
    ),
    ("p_baifenzhibai", "百分之百", &["百分之百|p|100|unit=%"]),
    ("p_baifenbai", "百分百", &["百分百|p|100|unit=%"]),
    ("p_qianfenzhi", "千分之五", &["千分之五|p|0.5|unit=%"]),
    ("p_baifendian", "3个百分点", &["3个百分点|p|3|unit=%"]),
    (
        "p_baifendian_decimal",
        "0.5个百分点",
        &["0.5个百分点|p|0.5|unit=%"],
    ),
    ("p_over", "超过80%", &["超过80%|p|80|unit=%|q=over"]),
    ("p_over_suffix", "80%以上", &["80%以上|p|80|unit=%|q=over"]),
    ("p_about", "约30%", &["约30%|p|30|unit=%|q=about"]),
    ("p_decimal", "10.5%", &["10.5%|p|10.5|unit=%"]),
    ("p_decimal_small", "0.3%", &["0.3%|p|0.3|unit=%"]),
    ("p_qianfenzhi_san", "千分之三", &["千分之三|p|0.3|unit=%"]),
    (
        "p_baifenzhi_decimal_sum",
        "百分之零点一二",
        &["百分之零点一二|p|0.12|unit=%"],
    ),
    ("p_fullwidth", "１５％", &["１５％|p|15|unit=%"]),
    ("p_fifty", "百分之五十", &["百分之五十|p|50|unit=%"]),
    (
        "p_in_sentence",
        "承担了 Kimi 线上 80%的流量",
        &["80%|p|80|unit=%"],
    ),
    ("p_liangcheng", "两成用户", &["两成|p|20|unit=%"]),
    ("p_shicheng", "十成", &["十成|p|100|unit=%"]),
    ("p_yicheng", "只有一成", &["一成|p|10|unit=%"]),
    ("p_not_chengli", "三成立了", &[]),
    ("p_not_yiban", "超过一半的用户", &[]),
    ("p_not_yibanyiban", "大约是一半一半", &[]),
    (
        "p_negative",
        "增长率为负百分之三",
        &["负百分之三|p|-3|unit=%"],
    ),
];

const DATES_ABSOLUTE: &[Case] = &[
    ("d_year_space", "2024 年在经历了", &["2024 年|d|2024"]),
    (
        "d_year_month_space",
        "智谱成立于 2019 年 6 月",
        &["2019 年 6 月|d|2019-06"],
    ),
    (
        "d_year_glued",
        "两年后的2021年，MiniMax 成立",
        &["两年|n|2|unit=年", "2021年|d|2021"],
    ),
    (
        "d_full_space",
        "于2023 年 3 月 20 日筹备成立",
        &["2023 年 3 月 20 日|d|2023-03-20"],
    ),
    (
        "d_h2_glued",
        "但是到了2024下半年",
        &["2024下半年|d|2024-H2"],
    ),
    (
        "d_h2_nian",
        "从 2023 年下半年开始",
        &["2023 年下半年|d|2023-H2"],
    ),
    ("d_h1", "2024年上半年", &["2024年上半年|d|2024-H1"]),
    (
        "d_last_day",
        "甚至在2024年的最后一天",
        &["2024年的最后一天|d|2024-12-31"],
    ),
    (
        "d_first_day",
        "2024年第一天",
        &["2024年第一天|d|2024-01-01"],
    ),
    ("d_dots", "2023.3.20", &["2023.3.20|d|2023-03-20"]),
    ("d_slashes", "2023/3/20", &["2023/3/20|d|2023-03-20"]),
    ("d_iso", "2023-03-20", &["2023-03-20|d|2023-03-20"]),
    ("d_iso_month", "2023-03 发布", &["2023-03|d|2023-03"]),
    ("d_cn_ling_circle", "二〇二三年", &["二〇二三年|d|2023"]),
    ("d_cn_ling", "二零二四年", &["二零二四年|d|2024"]),
    ("d_cn_1998", "一九九八年", &["一九九八年|d|1998"]),
    (
        "d_cn_full",
        "二〇二三年三月五日",
        &["二〇二三年三月五日|d|2023-03-05"],
    ),
    ("d_two_digit_20xx", "23 年 6 月", &["23 年 6 月|d|2023-06"]),
    ("d_two_digit_19xx", "99年5月", &["99年5月|d|1999-05"]),
    ("d_year_month", "2024年3月", &["2024年3月|d|2024-03"]),
    ("d_q_space", "2024 年 Q3", &["2024 年 Q3|d|2024-Q3"]),
    // A quarter spaced as speech recognition writes digits, and 季 without 度 (Taiwan usage).
    (
        "d_quarter_spaced",
        "2024 年第 3 季度的营收",
        &["2024 年第 3 季度|d|2024-Q3"],
    ),
    (
        "d_quarter_ji_spaced",
        "2023年 第 2 季的成绩单",
        &["2023年 第 2 季|d|2023-Q2"],
    ),
    ("d_q_glued", "2024Q3", &["2024Q3|d|2024-Q3"]),
    (
        "d_quarter_cn",
        "2024年第三季度",
        &["2024年第三季度|d|2024-Q3"],
    ),
    (
        "d_quarter_no_di",
        "2024年一季度",
        &["2024年一季度|d|2024-Q1"],
    ),
    ("d_nianchu", "2024年初", &["2024年初|d|2024"]),
    ("d_niandi", "2024年底", &["2024年底|d|2024"]),
    ("d_nianmo", "2024年末", &["2024年末|d|2024"]),
    ("d_nianzhong", "2024年中", &["2024年中|d|2024-06"]),
    ("d_not_nianzhong_guo", "2024年中国市场", &["2024年|d|2024"]),
    ("d_yuandan", "2024年元旦", &["2024年元旦|d|2024-01-01"]),
    ("d_chunjie", "2024年春节", &["2024年春节|d|2024-02-10"]),
    ("d_hao", "2024年3月20号", &["2024年3月20号|d|2024-03-20"]),
    ("d_yuechu", "2024年3月初", &["2024年3月初|d|2024-03"]),
    ("d_yuedi", "2024年3月底", &["2024年3月底|d|2024-03"]),
    (
        "d_dec31",
        "2024年12月31日",
        &["2024年12月31日|d|2024-12-31"],
    ),
    (
        "d_bad_day_keeps_month",
        "2024年2月30日",
        &["2024年2月|d|2024-02"],
    ),
    ("d_fullwidth", "２０２４年", &["２０２４年|d|2024"]),
    (
        "d_year_de",
        "2024年的营收预期过亿人民币",
        &["2024年|d|2024", "过亿人民币|m|100000000|cur=CNY|q=over"],
    ),
    ("d_year_then_ai", "2025年AI还会继续发展", &["2025年|d|2025"]),
    ("d_niandai_not", "90年代", &[]),
    ("d_duration_5000", "5000年前", &["5000年|n|5000|unit=年"]),
    (
        "d_yuefen",
        "2024 年 10 月份",
        &["2024 年 10 月份|d|2024-10"],
    ),
    ("d_shangxun", "2024年5月上旬", &["2024年5月上旬|d|2024-05"]),
];

const DATES_RELATIVE: &[Case] = &[
    (
        "rel_qunian_month",
        "像零一万物在去年10月还发布了新模型",
        &["去年10月|d|2024-10"],
    ),
    ("rel_qunian", "比如去年备受关注的月之暗面", &["去年|d|2024"]),
    (
        "rel_jinnian_month",
        "自从今年 4 月起",
        &["今年 4 月|d|2025-04"],
    ),
    ("rel_jinnian", "今年", &["今年|d|2025"]),
    (
        "rel_jinnian_in_sentence",
        "今年大模型的竞争更激烈",
        &["今年|d|2025"],
    ),
    ("rel_qiannian", "前年", &["前年|d|2023"]),
    ("rel_mingnian", "明年", &["明年|d|2026"]),
    ("rel_hounian", "后年", &["后年|d|2027"]),
    ("rel_daqiannian", "大前年", &["大前年|d|2022"]),
    ("rel_shanggeyue", "上个月", &["上个月|d|2024-12"]),
    ("rel_xiageyue", "下个月", &["下个月|d|2025-02"]),
    ("rel_benyue", "本月", &["本月|d|2025-01"]),
    ("rel_zhegeyue", "这个月", &["这个月|d|2025-01"]),
    ("rel_zuotian", "昨天", &["昨天|d|2025-01-09"]),
    ("rel_mingtian", "明天", &["明天|d|2025-01-11"]),
    ("rel_qiantian", "前天", &["前天|d|2025-01-08"]),
    ("rel_houtian", "后天", &["后天|d|2025-01-12"]),
    ("rel_jintian_fact", "今天股价大涨", &["今天|d|2025-01-10"]),
    ("rel_jintian_narration", "所以今天我们就来大概的梳理", &[]),
    ("rel_qunian_h2", "去年下半年", &["去年下半年|d|2024-H2"]),
    (
        "rel_jinnian_q1",
        "今年第一季度",
        &["今年第一季度|d|2025-Q1"],
    ),
    ("rel_qunian_niandi", "去年年底", &["去年年底|d|2024"]),
    ("rel_jinnianchu", "今年初", &["今年初|d|2025"]),
    (
        "rel_mingnian_chunjie",
        "明年春节",
        &["明年春节|d|2026-02-17"],
    ),
    (
        "rel_qunian_day",
        "去年12月31日",
        &["去年12月31日|d|2024-12-31"],
    ),
    (
        "rel_jinnian_hao",
        "今年3月5号",
        &["今年3月5号|d|2025-03-05"],
    ),
    ("rel_zuori", "昨日", &["昨日|d|2025-01-09"]),
    ("rel_not_nianqing", "如今年轻人", &[]),
    ("rel_not_guoqunian", "过去年份", &[]),
    (
        "rel_sets_last_year",
        "去年\n6月",
        &["去年|d|2024", "6月|d|2024-06"],
    ),
    ("noref_qunian", "去年", &["去年|d|null"]),
    ("noref_shanggeyue", "上个月", &["上个月|d|null"]),
    ("noref_zuotian", "昨天", &["昨天|d|null"]),
    ("noref_qunian_month", "去年10月", &["去年10月|d|null"]),
    ("noref_absolute_still", "2024年", &["2024年|d|2024"]),
];

const DATES_PARTIAL: &[Case] = &[
    ("part_md_hao", "3月20号", &["3月20号|d|2025-03-20"]),
    (
        "part_inherit_yuefen",
        "在 2024 年 11 月\n杨植麟公布 Kimi 在 10 月份的全平台月活超过 3600 万",
        &[
            "2024 年 11 月|d|2024-11",
            "10 月份|d|2024-10",
            "超过 3600 万|n|36000000|q=over",
        ],
    ),
    (
        "part_inherit_quarter",
        "2023年发布\n第三季度",
        &["2023年|d|2023", "第三季度|d|2023-Q3"],
    ),
    ("part_q_bare", "Q3", &["Q3|d|2025-Q3"]),
    ("part_shangbannian_bare", "上半年", &["上半年|d|2025-H1"]),
    (
        "part_inherit_h1",
        "2022年\n上半年",
        &["2022年|d|2022", "上半年|d|2022-H1"],
    ),
    ("part_niandi_bare", "年底", &["年底|d|2025"]),
    ("part_nianmo_bare", "到了年末", &["年末|d|2025"]),
    ("part_nianchu_bare", "年初的时候", &["年初|d|2025"]),
    ("part_yuechu", "3月初", &["3月初|d|2025-03"]),
    (
        "part_yuedi_inherit",
        "2023年\n8月底",
        &["2023年|d|2023", "8月底|d|2023-08"],
    ),
    ("part_nianzhong_bare_not", "一年中最重要的", &[]),
    ("part_cn_md", "三月五日", &["三月五日|d|2025-03-05"]),
    ("part_yuandan_bare", "元旦", &["元旦|d|2025-01-01"]),
    ("part_chunjie_bare", "春节", &["春节|d|2025-01-29"]),
    ("part_december", "十二月", &["十二月|d|2025-12"]),
    ("part_not_geyue", "三个月", &["三个月|n|3|unit=个月"]),
    ("part_not_yuexin", "5月薪资", &[]),
    ("part_q_name_not", "AQ3", &[]),
    ("part_sanjidu", "三季度", &["三季度|d|2025-Q3"]),
    (
        "part_day_after_range",
        "3月20日至25日",
        &["3月20日|d|2025-03-20", "25日|d|2025-03-25"],
    ),
    (
        "part_day_list",
        "2024年5月1日、3日",
        &["2024年5月1日|d|2024-05-01", "3日|d|2024-05-03"],
    ),
    ("part_day_alone_not", "20号选手", &[]),
    (
        "part_month_span",
        "今年1-3月",
        &["今年|d|2025", "3月|d|2025-03"],
    ),
    (
        "part_month_span_year",
        "2024年1-3月的营收",
        &["2024年|d|2024", "3月|d|2024-03"],
    ),
    (
        "part_quarter_span",
        "2024 年 Q1-Q3",
        &["2024 年 Q1|d|2024-Q1", "Q3|d|2024-Q3"],
    ),
    ("noref_yuefen", "10 月份", &["10 月份|d|null"]),
    (
        "noref_inherit_works",
        "2024 年 11 月\n10 月份",
        &["2024 年 11 月|d|2024-11", "10 月份|d|2024-10"],
    ),
];

const NOT_VALUES: &[Case] = &[
    ("no_gpt3", "OpenAI 发布了GPT-3", &[]),
    ("no_gpt4o_spaces", "可以比肩GPT - 4o", &[]),
    ("no_iphone16", "集成到 iPhone 16 相机控制键中", &[]),
    ("no_k1", "视觉思考模型 K1 等等", &[]),
    ("no_r1", "DeepSeek 的 R1", &[]),
    ("no_o1", "o1 推理模型的出现", &[]),
    ("no_step3", "Step-3", &[]),
    ("no_qwen", "Qwen2.5-72B", &[]),
    ("no_baichuan7b", "Baichuan-7B", &[]),
    ("no_k0math", "数学模型 k0-math", &[]),
    ("no_llama", "Llama 3.1 405B", &[]),
    ("no_h100", "H100 和 A100", &[]),
    ("no_4o", "4o", &[]),
    ("no_lingyiwanwu", "零一万物", &[]),
    ("no_baichuan", "百川智能", &[]),
    ("no_sanliuling", "三六零", &[]),
    ("no_liuxiaohu", "大模型六小虎", &[]),
    ("no_baimodazhan", "百模大战", &[]),
    ("no_diyitidui", "第一梯队", &[]),
    ("no_yixie", "一些", &[]),
    ("no_yixia", "梳理一下", &[]),
    ("no_yiqi", "一起", &[]),
    ("no_yizhi", "一直", &[]),
    ("no_yiding", "一定", &[]),
    ("no_yiyang", "一样", &[]),
    ("no_tongyi", "统一", &[]),
    ("no_wanwu", "万物", &[]),
    ("no_sichuan", "四川", &[]),
    ("no_wujiaodalou", "五角大楼", &[]),
    ("no_yifangmian", "另一方面", &[]),
    ("no_wanyi", "万一", &[]),
    ("no_qianwan_adverb", "千万不要", &[]),
    ("no_qianwan_bie", "千万别", &[]),
    ("no_yidan", "一旦", &[]),
    ("no_yiqie", "一切", &[]),
    ("no_sanxing", "三星", &[]),
    ("no_qiniu", "七牛", &[]),
    ("no_jiuzhang", "九章", &[]),
    ("no_baidu", "百度", &[]),
    ("no_qianwen", "通义千问", &[]),
    ("no_wanxiang", "万向", &[]),
    ("no_yidaiyilu", "一带一路", &[]),
    ("no_shifen", "十分幸运", &[]),
    ("no_yidu", "一度", &[]),
    ("no_yizhi2", "一致", &[]),
    ("no_weiyi", "唯一", &[]),
    ("no_zhiyi", "之一", &[]),
    ("no_stock_sh", "600519", &[]),
    ("no_stock_hk", "00700.HK", &[]),
    ("no_stock_kc", "688256", &[]),
    ("no_phone", "13812345678", &[]),
    ("no_yixinyiyi", "一心一意", &[]),
    ("no_sanxineryi", "三心二意", &[]),
    ("no_qishangbaxia", "七上八下", &[]),
    ("no_yishiniao", "一石二鸟", &[]),
    ("no_wuhuabamen", "五花八门", &[]),
    ("no_jiuniuyimao", "九牛一毛", &[]),
    ("no_yijuliangde", "一举两得", &[]),
    ("no_duyiwuer", "独一无二", &[]),
    ("no_qianfangbaiji", "千方百计", &[]),
    ("no_wanwuyishi", "万无一失", &[]),
    ("no_baifabaizhong", "百发百中", &[]),
    ("no_shiquanshimei", "十全十美", &[]),
    ("no_simianbafang", "四面八方", &[]),
    ("no_yimoyiyang", "一模一样", &[]),
    ("no_luanqibazao", "乱七八糟", &[]),
    ("no_qianjunwanma", "千军万马", &[]),
    ("no_yiganerjing", "一干二净", &[]),
    ("no_sanyanliangyu", "三言两语", &[]),
    ("no_yiwuyishi", "一五一十", &[]),
    ("no_shuoyibuer", "说一不二", &[]),
    ("no_baihuaqifang", "百花齐放", &[]),
    ("no_baijiazhengming", "百家争鸣", &[]),
    ("no_banjinbaliang", "半斤八两", &[]),
    ("no_santianliangtou", "三天两头", &[]),
    ("no_sanfanwuci", "三番五次", &[]),
    ("no_shiwanhuoji", "十万火急", &[]),
    ("no_bajiubulishi", "八九不离十", &[]),
    ("no_qianbianwanhua", "千变万化", &[]),
    ("no_yichengbubian", "一成不变", &[]),
    ("no_ordinal_diyi", "第一", &[]),
    ("no_ordinal_shouge", "首个", &[]),
    ("no_ordinal_disandai", "第三代", &[]),
    ("no_ordinal_arabic", "第 3 名", &[]),
    ("no_bare_six_plus_two", "基本上已经形成了6+2的格局", &[]),
    ("no_bare_six", "其中的6，也被称为", &[]),
    ("no_bare_two", "2指的是深度求索", &[]),
    ("no_yige", "有一个更加清晰的了解", &[]),
    ("no_yiwei", "年龄最大的一位", &[]),
    ("no_yinianyitian", "AI一天、人间一年的狂飙突进", &[]),
    ("no_zheliangjia", "与面壁智能这两家规模稍小", &[]),
    ("no_guoquliangnian", "过去两年一直紧密对标OpenAI", &[]),
    ("no_yizhounian", "在公司一周年庆祝的时候", &[]),
    ("no_5g", "5G 网络", &[]),
    ("no_3d", "3D 建模", &[]),
    ("no_shuangshiyi", "双十一", &[]),
    ("no_shisiwu", "十四五规划", &[]),
    ("no_ganmaiwanfen", "感慨万分", &[]),
    ("no_ershishiji", "二十世纪", &[]),
    ("no_bainian", "百年老店", &[]),
    ("no_qiannian", "千年古刹", &[]),
    ("no_baifenzhi_scale", "百分制", &[]),
    ("no_bairenhui", "百人会的成员", &[]),
    ("no_jiujiu", "九九八十一难", &[]),
    ("no_shizilukou", "十字路口", &[]),
    ("no_bare_arabic", "排名 15", &[]),
    ("no_version", "版本 3.5", &[]),
    ("no_zaisan", "再三考虑", &[]),
    ("no_shuju", "数据显示", &[]),
    ("no_jihu", "几乎所有", &[]),
    ("no_yidiandian", "有一点点", &[]),
    ("no_clock", "三点半", &[]),
    ("no_ip", "192.168.1.1", &[]),
    ("no_huge_digits_with_unit", "12345678901234567890万", &[]),
    ("no_leading_zero", "007号", &[]),
    ("no_today_end", "都不在今天的讨论范围内", &[]),
];

const SPANS: &[Case] = &[
    (
        "span_daodao",
        "Talkie 的全球月活跃用户数已达到 1100 万",
        &["1100 万|n|11000000"],
    ),
    (
        "span_yiyou",
        "智谱的智谱清言在 2024 年已有 2500 万用户",
        &["2024 年|d|2024", "2500 万|n|25000000"],
    ),
    (
        "span_yonghu_excluded",
        "首款应用 Glow获得了近 500 万用户",
        &["近 500 万|n|5000000|q=near"],
    ),
    (
        "span_mei",
        "并且大约每 4 - 6 个月就会推出一个新的模型版本",
        &["4 - 6 个月|n|4|max=6|unit=个月|q=range"],
    ),
    (
        "span_red",
        "红杉资本提出的“AI 的 6000 亿美元问题”，",
        &["6000 亿美元|m|600000000000|cur=USD"],
    ),
    (
        "span_download",
        "其开源模型系列在全球的累计下载量超过了 3000 万",
        &["超过了 3000 万|n|30000000|q=over"],
    ),
    (
        "span_arr",
        "年化收入（ARR）超过千万元人民币",
        &["超过千万元人民币|m|10000000|cur=CNY|q=over"],
    ),
    (
        "span_jiejin",
        "在海外的生产力工具应用总用户接近千万",
        &["接近千万|n|10000000|q=near"],
    ),
    (
        "span_budao",
        "创始人闫俊杰在一个不到 100 平米的房间里",
        &["不到 100 平米|n|100|unit=平米|q=under"],
    ),
    (
        "span_zi",
        "凭借着20万字长上下文输入的独特优势",
        &["20万字|n|200000|unit=字"],
    ),
    (
        "span_zhishao",
        "国内至少有两家小虎可能要放弃预训练",
        &["两家|n|2|unit=家"],
    ),
    ("span_sange", "并且提出了三个判断", &["三个|n|3|unit=个"]),
    (
        "span_sanzhong",
        "智谱提出了三种 to B 的商业化模式",
        &["三种|n|3|unit=种"],
    ),
    (
        "span_two_values",
        "从 2023 年 10 月到 2024 年 7 月",
        &["2023 年 10 月|d|2023-10", "2024 年 7 月|d|2024-07"],
    ),
    ("span_fen_zhong", "等了十分钟", &["十分钟|n|10|unit=分钟"]),
    (
        "span_money_and_percent",
        "营收 5 亿元，增长 30%",
        &["5 亿元|m|500000000|cur=CNY", "30%|p|30|unit=%"],
    ),
    (
        "span_jiezhi",
        "截至 2024 年 6 月",
        &["2024 年 6 月|d|2024-06"],
    ),
    (
        "span_shangxiayou_not",
        "100家上下游企业",
        &["100家|n|100|unit=家"],
    ),
];

const SMALL_COUNTS: &[Case] = &[
    ("c_sange", "三个", &["三个|n|3|unit=个"]),
    ("c_liangnian", "两年后", &["两年|n|2|unit=年"]),
    ("c_wukuan", "发布了五款产品", &["五款|n|5|unit=款"]),
    ("c_sanwei", "三位创始人", &["三位|n|3|unit=位"]),
    ("c_liangtai", "两台服务器", &["两台|n|2|unit=台"]),
    ("c_not_meige", "每三个月", &[]),
    ("c_not_yige", "一个", &[]),
    ("c_arabic_one", "1个", &["1个|n|1|unit=个"]),
];

/// Forms that established normalizers (cn2an, JioNLP, ITN test sets) care about.
const NORMALIZER_STYLE: &[Case] = &[
    ("ns_yi_alone", "一", &["一|n|1"]),
    ("ns_ling_alone", "零", &["零|n|0"]),
    ("ns_shi_alone", "十", &["十|n|10"]),
    ("ns_yishiyi", "一十一", &["一十一|n|11"]),
    ("ns_111", "一百一十一", &["一百一十一|n|111"]),
    ("ns_1111", "一千一百一十一", &["一千一百一十一|n|1111"]),
    (
        "ns_11111",
        "一万一千一百一十一",
        &["一万一千一百一十一|n|11111"],
    ),
    ("ns_financial_11", "壹拾壹", &["壹拾壹|n|11"]),
    ("ns_lingdianyi", "零点一", &["零点一|n|0.1"]),
    ("ns_fuyi", "负一", &["负一|n|-1"]),
    ("ns_fu_lingdianyi", "负零点一", &["负零点一|n|-0.1"]),
    ("ns_liangqian", "两千", &["两千|n|2000"]),
    ("ns_1001", "一千零一", &["一千零一|n|1001"]),
    ("ns_yibaiyi", "一百一", &["一百一|n|110"]),
    (
        "ns_decimal_long",
        "一百二十三点四五",
        &["一百二十三点四五|n|123.45"],
    ),
    (
        "ns_money_cn",
        "小王捡了一百块钱",
        &["一百块钱|m|100|cur=CNY"],
    ),
    (
        "ns_money_arabic",
        "小王捡了100块钱",
        &["100块钱|m|100|cur=CNY"],
    ),
    (
        "ns_count_cities",
        "用户增长最快的三个城市",
        &["三个|n|3|unit=个"],
    ),
    (
        "ns_birthday_cn",
        "小王的生日是二零零一年三月四日",
        &["二零零一年三月四日|d|2001-03-04"],
    ),
    (
        "ns_birthday_arabic",
        "小王的生日是2001年3月4日",
        &["2001年3月4日|d|2001-03-04"],
    ),
    (
        "ns_stock_percent",
        "今天股价上涨了百分之八",
        &["今天|d|2025-01-10", "百分之八|p|8|unit=%"],
    ),
    ("ns_ordinal_day", "第二天", &[]),
    (
        "ns_probability",
        "抛出去的硬币为正面的概率是二分之一",
        &["二分之一|n|0.5"],
    ),
    (
        "ns_money_list",
        "车费601,293.11元，工厂费一万二千三百四十五元,利息9佰日元，打印费十块钱。",
        &[
            "601,293.11元|m|601293.11|cur=CNY",
            "一万二千三百四十五元|m|12345|cur=CNY",
            "9佰日元|m|900|cur=JPY",
            "十块钱|m|10|cur=CNY",
        ],
    ),
    ("ns_li_si_not_money", "张三赔偿李四人民币", &[]),
    (
        "ns_qianwanyi",
        "3千万亿日元",
        &["3千万亿日元|m|3000000000000000|cur=JPY"],
    ),
    (
        "ns_range_money",
        "两三百万元",
        &["两三百万元|m|2000000|max=3000000|cur=CNY|q=range"],
    ),
    (
        "ns_under_kuai",
        "不到2000块钱",
        &["不到2000块钱|m|2000|cur=CNY|q=under"],
    ),
    (
        "ns_shiji_kuai",
        "十几块钱",
        &["十几块钱|m|10|max=20|cur=CNY|q=several"],
    ),
    (
        "ns_jiqian_kuai",
        "几千块钱",
        &["几千块钱|m|1000|max=10000|cur=CNY|q=several"],
    ),
    ("ns_bakuaiwu", "八块五", &["八块五|m|8.5|cur=CNY"]),
    ("ns_sankuaiwumao", "三块五毛", &["三块五毛|m|3.5|cur=CNY"]),
    (
        "ns_hkd_prefix",
        "港币100万",
        &["港币100万|m|1000000|cur=HKD"],
    ),
    (
        "ns_year_as_number",
        "两千零二十一年",
        &["两千零二十一年|d|2021"],
    ),
    (
        "ns_two_thousand_years",
        "两千年前",
        &["两千年|n|2000|unit=年"],
    ),
    ("ns_two_digit_niandi", "19年底", &["19年底|d|2019"]),
    ("ns_two_digit_nianchu", "20年初", &["20年初|d|2020"]),
    ("ns_two_digit_half", "20年上半年", &["20年上半年|d|2020-H1"]),
    ("ns_two_digit_founded", "我们19年成立的", &["19年|d|2019"]),
    ("ns_two_digit_duration", "做了19年", &["19年|n|19|unit=年"]),
    // A spoken two-digit year opening its clause's event, after a space or at the line's
    // start; time counted before it keeps it a duration.
    (
        "ns_two_digit_cai",
        "18 年才改成现在的名字",
        &["18 年|d|2018"],
    ),
    (
        "ns_two_digit_jiu",
        "公司 17 年就开始做了",
        &["17 年|d|2017"],
    ),
    ("ns_two_digit_event", "他 16 年毕业", &["16 年|d|2016"]),
    (
        "ns_two_digit_counted_cai",
        "他干了 18 年才退休",
        &["18 年|n|18|unit=年"],
    ),
    (
        "ns_two_digit_glued_jiu",
        "这家店开了20年就关了",
        &["20年|n|20|unit=年"],
    ),
    ("ns_benyue_day", "本月15日", &["本月15日|d|2025-01-15"]),
    ("ns_shanggeyue_di", "上个月底", &["上个月底|d|2024-12"]),
    ("ns_shilai", "十来个人", &["十来个|n|10|unit=个|q=about"]),
    (
        "ns_bailai_money",
        "百来块钱",
        &["百来块钱|m|100|cur=CNY|q=about"],
    ),
    ("ns_liangnianban", "两年半", &["两年半|n|2.5|unit=年"]),
    (
        "ns_yigebanxiaoshi",
        "一个半小时",
        &["一个半小时|n|1.5|unit=个小时"],
    ),
    (
        "ns_liangegbanyue",
        "两个半月",
        &["两个半月|n|2.5|unit=个月"],
    ),
    ("ns_santianban", "三天半", &["三天半|n|3.5|unit=天"]),
    (
        "ns_phone_yao",
        "幺三八零零一三八零零零",
        &["幺三八零零一三八零零零|n|13800138000"],
    ),
    ("ns_kg", "五十公斤", &["五十公斤|n|50|unit=公斤"]),
    ("ns_degrees", "三十五度", &["三十五度|n|35|unit=度"]),
    (
        "ns_square_meters",
        "一百二十平方米",
        &["一百二十平方米|n|120|unit=平方米"],
    ),
    (
        "ns_percent_decimal",
        "百分之二十三点五",
        &["百分之二十三点五|p|23.5|unit=%"],
    ),
    (
        "ns_12345",
        "一万二千三百四十五",
        &["一万二千三百四十五|n|12345"],
    ),
    ("ns_liangwanwu", "两万五", &["两万五|n|25000"]),
    ("ns_liangwanwuqian", "两万五千", &["两万五千|n|25000"]),
    ("ns_clock_not", "十二点三十分", &[]),
    ("ns_clock_half_not", "下午三点半开会", &[]),
    (
        "ns_date_2008",
        "二零零八年八月八号",
        &["二零零八年八月八号|d|2008-08-08"],
    ),
    (
        "ns_date_1997",
        "一九九七年七月一日",
        &["一九九七年七月一日|d|1997-07-01"],
    ),
    ("ns_month_day_cn", "十月一日", &["十月一日|d|2025-10-01"]),
    ("ns_dots_short", "2021.10.1", &["2021.10.1|d|2021-10-01"]),
    ("ns_two_digit_month", "21年10月", &["21年10月|d|2021-10"]),
    ("ns_mingtian", "明天上午", &["明天|d|2025-01-11"]),
    ("ns_qiannian_month", "前年11月", &["前年11月|d|2023-11"]),
    (
        "ns_sanbaiduo",
        "三百多人",
        &["三百多人|n|300|max=400|unit=人|q=over"],
    ),
    (
        "ns_yiqianduowan",
        "一千多万",
        &["一千多万|n|10000000|max=20000000|q=over"],
    ),
    (
        "ns_wuliushi",
        "五六十个",
        &["五六十个|n|50|max=60|unit=个|q=range"],
    ),
    ("ns_shangqian", "上千人", &["上千人|n|1000|unit=人|q=over"]),
    ("ns_jinwan", "近万人", &["近万人|n|10000|unit=人|q=near"]),
    (
        "ns_yubaiyi",
        "逾百亿元",
        &["逾百亿元|m|10000000000|cur=CNY|q=over"],
    ),
    (
        "ns_yuehe",
        "约合人民币7000万元",
        &["约合人民币7000万元|m|70000000|cur=CNY|q=about"],
    ),
    (
        "ns_market_cap",
        "市值超过3万亿美元",
        &["超过3万亿美元|m|3000000000000|cur=USD|q=over"],
    ),
    ("ns_gdp", "GDP增长5.2%", &["5.2%|p|5.2|unit=%"]),
    (
        "ns_percent_dao",
        "降低了30%到50%",
        &["30%到50%|p|30|max=50|unit=%|q=range"],
    ),
    ("ns_eps", "每股收益0.5元", &["0.5元|m|0.5|cur=CNY"]),
    (
        "ns_year_to_year",
        "从2023年到2024年",
        &["2023年|d|2023", "2024年|d|2024"],
    ),
    (
        "ns_month_span",
        "2024年1月至3月",
        &["2024年1月|d|2024-01", "3月|d|2024-03"],
    ),
    ("ns_shigeyi", "10个亿", &["10个亿|n|1000000000"]),
    (
        "ns_sanshiduoyi",
        "三十多亿",
        &["三十多亿|n|3000000000|max=4000000000|q=over"],
    ),
    (
        "ns_yiyiduo",
        "1亿多",
        &["1亿多|n|100000000|max=200000000|q=over"],
    ),
    ("ns_wan_plus", "10万+", &["10万+|n|100000|q=over"]),
    ("ns_w_shorthand", "粉丝100w", &["100w|n|1000000"]),
    ("ns_k_context", "支持 32k 上下文", &["32k|n|32000"]),
    ("ns_4k_not", "4K 屏幕", &[]),
    ("ns_yen_yi", "¥3.5亿", &["¥3.5亿|m|350000000|cur=CNY"]),
    (
        "ns_budaoyicheng",
        "不到一成",
        &["不到一成|p|10|unit=%|q=under"],
    ),
    (
        "ns_jiuchengyishang",
        "九成以上",
        &["九成以上|p|90|unit=%|q=over"],
    ),
    (
        "ns_full_cn_date",
        "二〇二五年一月十日",
        &["二〇二五年一月十日|d|2025-01-10"],
    ),
    ("ns_yuefen_cn", "五月份", &["五月份|d|2025-05"]),
    ("ns_wuyi_not", "五一假期", &[]),
    ("ns_wumaoqian", "五毛钱", &["五毛钱|m|0.5|cur=CNY"]),
    ("ns_bafenqian", "八分钱", &["八分钱|m|0.08|cur=CNY"]),
    ("ns_lingxia", "零下五度", &["零下五度|n|-5|unit=度"]),
    ("ns_benjidu", "本季度", &["本季度|d|2025-Q1"]),
    ("ns_shanggejidu", "上个季度", &["上个季度|d|2024-Q4"]),
    // A quarter stated a line or two before is the one 这个季度 / 上个季度 count from.
    (
        "ns_zhegejidu_back",
        "第三季度卖了 5 万台\n这个季度的营收",
        &[
            "第三季度|d|2025-Q3",
            "5 万台|n|50000|unit=台",
            "这个季度|d|2025-Q3",
        ],
    ),
    (
        "ns_shanggejidu_back",
        "2024 年第二季度\n毛利率比上个季度高",
        &["2024 年第二季度|d|2024-Q2", "上个季度|d|2024-Q1"],
    ),
    ("ns_xiajidu", "下季度", &["下季度|d|2025-Q2"]),
    ("ns_fiscal_year", "2024财年", &["2024财年|d|2024"]),
    ("ns_chengqianshangwan", "成千上万的用户", &[]),
    ("ns_shuyiwanji", "数以万计", &[]),
    ("ns_decimal_geyi", "1.5个亿", &["1.5个亿|n|150000000"]),
    (
        "ns_ersanshi",
        "二三十个",
        &["二三十个|n|20|max=30|unit=个|q=range"],
    ),
    (
        "ns_sansibai",
        "大概有三四百人",
        &["三四百人|n|300|max=400|unit=人|q=range"],
    ),
    (
        "ns_jishiwan",
        "几十万",
        &["几十万|n|100000|max=1000000|q=several"],
    ),
    ("ns_shangbaiwan", "上百万", &["上百万|n|1000000|q=over"]),
    (
        "ns_money_about",
        "一千块钱左右",
        &["一千块钱左右|m|1000|cur=CNY|q=about"],
    ),
    ("ns_yiwankuai", "一万块", &["一万块|m|10000|cur=CNY"]),
    ("ns_sansui", "三岁", &["三岁|n|3|unit=岁"]),
    ("ns_guoqing", "2024年国庆节", &["2024年国庆节|d|2024-10-01"]),
    ("ns_guoqing_bare", "国庆节期间", &["国庆节|d|2025-10-01"]),
    ("ns_shengdan", "圣诞节", &["圣诞节|d|2025-12-25"]),
    ("ns_laodongjie", "五一劳动节", &["劳动节|d|2025-05-01"]),
    (
        "ns_sheshidu",
        "二十摄氏度",
        &["二十摄氏度|n|20|unit=摄氏度"],
    ),
    (
        "ns_minus_percent",
        "增长率为-3.5%",
        &["-3.5%|p|-3.5|unit=%"],
    ),
    ("ns_yikuaiwumao", "一块五毛", &["一块五毛|m|1.5|cur=CNY"]),
    ("ns_liangkuaiwu", "两块五", &["两块五|m|2.5|cur=CNY"]),
    (
        "ns_baifenzhiyibai",
        "百分之一百",
        &["百分之一百|p|100|unit=%"],
    ),
    ("ns_fu_shiwu", "负十五", &["负十五|n|-15"]),
    ("ns_score_not", "三比二", &[]),
    (
        "ns_liangkuaijiumaojiu",
        "卖两块九毛九",
        &["两块九毛九|m|2.99|cur=CNY"],
    ),
    ("ns_fever", "三十九点五度", &["三十九点五度|n|39.5|unit=度"]),
    (
        "ns_phone_digits",
        "我的电话号码是幺三五零零零零零零零零",
        &["幺三五零零零零零零零零|n|13500000000"],
    ),
    ("ns_clock_liangdianban", "下午两点半", &[]),
    (
        "ns_olympics",
        "二零二零年东京奥运会",
        &["二零二零年|d|2020"],
    ),
    ("ns_usd_code", "售价 100 USD", &["100 USD|m|100|cur=USD"]),
    ("ns_rmb_code", "融资5亿RMB", &["5亿RMB|m|500000000|cur=CNY"]),
    (
        "ns_arabic_cheng",
        "超 5 成",
        &["超 5 成|p|50|unit=%|q=over"],
    ),
    (
        "trad_money",
        "營收超過三千萬塊錢",
        &["超過三千萬塊錢|m|30000000|cur=CNY|q=over"],
    ),
    (
        "trad_months",
        "將近兩個月",
        &["將近兩個月|n|2|unit=个月|q=near"],
    ),
    (
        "trad_holiday",
        "2024年國慶節",
        &["2024年國慶節|d|2024-10-01"],
    ),
    ("trad_hours", "三個小時", &["三個小時|n|3|unit=个小时"]),
    (
        "trad_yen",
        "一千億日圓",
        &["一千億日圓|m|100000000000|cur=JPY"],
    ),
    ("trad_rel_month", "上個月", &["上個月|d|2024-12"]),
    (
        "trad_ten_about",
        "十來個人",
        &["十來個|n|10|unit=个|q=about"],
    ),
    (
        "ns_date_then_clock",
        "二〇〇八年八月八日晚上八点",
        &["二〇〇八年八月八日|d|2008-08-08"],
    ),
];

/// The way AI-industry episodes talk: model names with digits, funding, users, prices.
const INDUSTRY: &[Case] = &[
    ("ind_gpt4o_mini", "GPT-4o mini 的价格", &[]),
    ("ind_claude", "Claude 3.5 Sonnet", &[]),
    ("ind_gemini", "Gemini 1.5 Pro", &[]),
    ("ind_deepseek_v3", "DeepSeek V3 和 DeepSeek-V3", &[]),
    ("ind_r1_zero", "R1-Zero", &[]),
    ("ind_a100_80gb", "A100 80GB", &[]),
    ("ind_h800", "H800 芯片", &[]),
    ("ind_4090", "4090显卡", &[]),
    ("ind_3nm", "3nm 工艺", &[]),
    ("ind_ios", "iOS 18", &[]),
    ("ind_python", "Python 3.12", &[]),
    ("ind_ai20", "AI 2.0 时代", &[]),
    ("ind_qwen25", "通义千问2.5", &[]),
    ("ind_kimi_k15", "Kimi k1.5", &[]),
    ("ind_params", "70亿参数的模型", &["70亿|n|7000000000"]),
    ("ind_params_gpt3", "1750亿参数", &["1750亿|n|175000000000"]),
    ("ind_context_k", "128K上下文", &["128K|n|128000"]),
    (
        "ind_context_zi",
        "上下文长度达到 200 万字",
        &["200 万字|n|2000000|unit=字"],
    ),
    ("ind_price_cut", "API价格降低了90%", &["90%|p|90|unit=%"]),
    ("ind_per_million", "每百万tokens 1元", &["1元|m|1|cur=CNY"]),
    (
        "ind_valuation",
        "估值 200 亿美元",
        &["200 亿美元|m|20000000000|cur=USD"],
    ),
    ("ind_top3_cn", "前三名", &[]),
    ("ind_hours", "7×24小时", &["24小时|n|24|unit=小时"]),
    ("ind_yinianyidu", "一年一度", &[]),
    ("ind_wuxianyijin", "五险一金", &[]),
    ("ind_qianyiji", "千亿级市场", &[]),
    ("ind_baiyibutie", "百亿补贴", &[]),
    ("ind_jin_years", "近3年", &["3年|n|3|unit=年"]),
    (
        "ind_jin_years_space",
        "近 3 年的营收",
        &["3 年|n|3|unit=年"],
    ),
    ("ind_jin_two_months", "近两个月", &[]),
    ("ind_zuijin", "最近两年", &[]),
    ("ind_sanrenxing", "三人行必有我师", &[]),
    ("ind_yoy", "同比增长 50%", &["50%|p|50|unit=%"]),
    ("ind_points", "上升了3个百分点", &["3个百分点|p|3|unit=%"]),
    (
        "ind_funding",
        "融资了 6 亿美元",
        &["6 亿美元|m|600000000|cur=USD"],
    ),
    (
        "ind_round",
        "完成了 10 亿元 A 轮融资",
        &["10 亿元|m|1000000000|cur=CNY"],
    ),
    (
        "ind_post_money",
        "投后估值超过 30 亿美元",
        &["超过 30 亿美元|m|3000000000|cur=USD|q=over"],
    ),
    (
        "ind_employees",
        "员工超过 1000 人",
        &["超过 1000 人|n|1000|unit=人|q=over"],
    ),
    (
        "ind_dau",
        "日活用户超过 1 亿",
        &["超过 1 亿|n|100000000|q=over"],
    ),
    ("ind_mau", "MAU 达到 3000 万", &["3000 万|n|30000000"]),
    (
        "ind_dau_tupo",
        "DAU 突破千万",
        &["突破千万|n|10000000|q=over"],
    ),
    ("ind_arr", "ARR 1 亿美元", &["1 亿美元|m|100000000|cur=USD"]),
    ("ind_growth", "收入增长了 3 倍", &["3 倍|n|3|unit=倍"]),
    ("ind_tenth", "成本下降到原来的十分之一", &["十分之一|n|0.1"]),
    (
        "ind_training_cost",
        "训练成本 557 万美元",
        &["557 万美元|m|5570000|cur=USD"],
    ),
    ("ind_gpus", "2048 张 H800", &["2048 张|n|2048|unit=张"]),
    ("ind_months", "花了 2 个月", &["2 个月|n|2|unit=个月"]),
    ("ind_rank_not", "排名第二", &[]),
    ("ind_top3_latin", "Top3", &[]),
    (
        "ind_yuannian",
        "2024 年是大模型应用落地的元年",
        &["2024 年|d|2024"],
    ),
    ("ind_about_years", "大约 2 年前", &["2 年前|d|2023"]),
    ("ind_end_of_year", "在 2022 年底", &["2022 年底|d|2022"]),
    (
        "ind_chatgpt",
        "OpenAI 在 2022 年 11 月 30 日发布了 ChatGPT",
        &["2022 年 11 月 30 日|d|2022-11-30"],
    ),
    (
        "ind_poyi",
        "两个多月用户破亿",
        &["两个多月|n|2|unit=个月|q=over", "破亿|n|100000000|q=over"],
    ),
    (
        "q_over_with_le",
        "单月交付破了 3 万辆 后来冲过了 5 万辆",
        &[
            "破了 3 万辆|n|30000|unit=辆|q=over",
            "冲过了 5 万辆|n|50000|unit=辆|q=over",
        ],
    ),
    (
        "q_tupo_le_kept_whole",
        "累计交付突破了 60 万辆",
        &["突破了 60 万辆|n|600000|unit=辆|q=over"],
    ),
    (
        "ind_guobaiwan",
        "五天用户过百万",
        &["五天|n|5|unit=天", "过百万|n|1000000|q=over"],
    ),
];

fn check_group(group: &str, cases: &[Case]) {
    check_group_at(group, cases, "2025-01-10");
}

/// [`check_group`] with another reference date (`YYYY-MM-DD`).
pub(crate) fn check_group_at(group: &str, cases: &[Case], reference_date: &str) {
    let recognizer = ValueRecognizer::new();
    let mut failures = Vec::new();
    for (name, input, want) in cases {
        let reference = if name.starts_with("noref_") {
            None
        } else {
            CalendarDate::parse(reference_date)
        };
        let mut ctx = DateContext::new(reference);
        let mut got = Vec::new();
        for line in input.split('\n') {
            let mut out = Vec::new();
            // As the pipeline reads a line: normalized (widths folded, Traditional made
            // Simplified, one char for one char here), spans into the line as written.
            let norm = NormalizedLine::new(line);
            assert_eq!(norm.text.chars().count(), line.chars().count(), "{line}");
            recognizer.find(&norm.text, &mut ctx, &[], &mut out);
            for m in out {
                got.push(describe(line, &m));
            }
        }
        let want: Vec<String> = want.iter().map(|w| canonical(w)).collect();
        if got != want {
            failures.push(format!(
                "{group}/{name}: {input:?}\n   want {want:?}\n    got {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn kind_code(k: MentionKind) -> &'static str {
    match k {
        MentionKind::Number => "n",
        MentionKind::Money => "m",
        MentionKind::Percent => "p",
        MentionKind::Date => "d",
        _ => "?",
    }
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e16 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn describe(line: &str, m: &transcript_facts::recognize::values::ValueMatch) -> String {
    let n = line.chars().count();
    assert!(m.start < m.end && m.end <= n, "bad span {m:?} in {line:?}");
    let span: String = line.chars().skip(m.start).take(m.end - m.start).collect();
    let value = match &m.value {
        Value::Number(v) => num(*v),
        Value::Date(_) if m.unresolved => "null".to_string(),
        Value::Date(d) => d.clone(),
    };
    let mut s = format!("{span}|{}|{value}", kind_code(m.kind));
    if let Some(x) = m.value_max {
        s.push_str(&format!("|max={}", num(x)));
    }
    if let Some(u) = &m.unit {
        s.push_str(&format!("|unit={u}"));
    }
    if let Some(c) = &m.currency {
        s.push_str(&format!("|cur={c}"));
    }
    if m.qualifier != Qualifier::Exact {
        s.push_str(&format!("|q={}", m.qualifier.as_str()));
    }
    s
}

/// The expected string with numbers written the way [`describe`] writes them.
fn canonical(w: &str) -> String {
    let mut parts: Vec<String> = w.split('|').map(str::to_string).collect();
    if parts.len() >= 3
        && parts[1] != "d"
        && let Ok(v) = parts[2].parse::<f64>()
    {
        parts[2] = num(v);
    }
    for p in parts.iter_mut().skip(3) {
        if let Some(v) = p.strip_prefix("max=").and_then(|v| v.parse::<f64>().ok()) {
            *p = format!("max={}", num(v));
        }
    }
    parts.join("|")
}

const GROUPS: &[(&str, &[Case])] = &[
    ("chinese_numerals", CHINESE_NUMERALS),
    ("mixed_units", MIXED_UNITS),
    ("qualifiers", QUALIFIERS),
    ("ranges", RANGES),
    ("money", MONEY),
    ("percents", PERCENTS),
    ("dates_absolute", DATES_ABSOLUTE),
    ("dates_relative", DATES_RELATIVE),
    ("dates_partial", DATES_PARTIAL),
    ("not_values", NOT_VALUES),
    ("spans", SPANS),
    ("small_counts", SMALL_COUNTS),
    ("normalizer_style", NORMALIZER_STYLE),
    ("industry", INDUSTRY),
];

#[test]
fn chinese_numerals() {
    check_group("chinese_numerals", CHINESE_NUMERALS);
}

#[test]
fn mixed_units() {
    check_group("mixed_units", MIXED_UNITS);
}

#[test]
fn qualifiers() {
    check_group("qualifiers", QUALIFIERS);
}

#[test]
fn ranges() {
    check_group("ranges", RANGES);
}

#[test]
fn money() {
    check_group("money", MONEY);
}

#[test]
fn percents() {
    check_group("percents", PERCENTS);
}

#[test]
fn dates_absolute() {
    check_group("dates_absolute", DATES_ABSOLUTE);
}

#[test]
fn dates_relative() {
    check_group("dates_relative", DATES_RELATIVE);
}

#[test]
fn dates_partial() {
    check_group("dates_partial", DATES_PARTIAL);
}

#[test]
fn not_values() {
    check_group("not_values", NOT_VALUES);
}

#[test]
fn spans() {
    check_group("spans", SPANS);
}

#[test]
fn small_counts() {
    check_group("small_counts", SMALL_COUNTS);
}

#[test]
fn normalizer_style() {
    check_group("normalizer_style", NORMALIZER_STYLE);
}

#[test]
fn industry() {
    check_group("industry", INDUSTRY);
}

#[test]
fn case_names_are_unique() {
    let mut seen = HashSet::new();
    let mut total = 0;
    for (_, cases) in GROUPS {
        for (name, _, _) in *cases {
            assert!(seen.insert(*name), "duplicate case name {name}");
            total += 1;
        }
    }
    assert!(total >= 300, "only {total} cases");
}
