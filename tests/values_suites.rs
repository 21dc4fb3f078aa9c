//! Cases built the way the test suites of the established Chinese normalizers are (Duckling,
//! cn2an, JioNLP, WeTextProcessing, NeMo's inverse normalization, Recognizers-Text,
//! chinese2digits): one group per construction of issue 14, each case a sentence of our own
//! around one way of saying a number, an amount, a percent or a date. Read with the reference
//! date 2021-06-14 (a Monday), in the notation of `values_table` (`span|kind|value` and
//! `|max=`, `|unit=`, `|cur=`, `|q=`; everything not written is absent). A line break in an
//! input is a new line of the same episode (the year said on one line holds for the next).

use super::values_table::{Case, check_group_at};

const REFERENCE: &str = "2021-06-14";

const OLD_AND_CAPITAL_FORMS: &[Case] = &[
    ("old_1", "全村一共廿五户人家", &["廿五户|n|25|unit=户"]),
    (
        "old_2",
        "这一单卖了卅五万元",
        &["卅五万元|m|350000|cur=CNY"],
    ),
    ("old_3", "连着熬了卌八小时", &["卌八小时|n|48|unit=小时"]),
    (
        "old_4",
        "当时人口约五万万",
        &["约五万万|n|500000000|q=about"],
    ),
    (
        "old_5",
        "合同上写着贰仟零贰拾伍元",
        &["贰仟零贰拾伍元|m|2025|cur=CNY"],
    ),
    (
        "old_6",
        "支票大写壹佰万元整",
        &["壹佰万元|m|1000000|cur=CNY"],
    ),
    (
        "old_7",
        "报价是肆亿伍仟万元",
        &["肆亿伍仟万元|m|450000000|cur=CNY"],
    ),
    ("old_8", "净值涨到玖拾玖点玖", &["玖拾玖点玖|n|99.9"]),
    ("old_9", "账上收到叁拾伍万", &["叁拾伍万|n|350000"]),
    (
        "old_10",
        "发票金额伍佰陆拾圆",
        &["伍佰陆拾圆|m|560|cur=CNY"],
    ),
    ("old_11", "押金陆仟元", &["陆仟元|m|6000|cur=CNY"]),
    ("old_12", "总额柒拾捌亿", &["柒拾捌亿|n|7800000000"]),
];

const ELIDED_TENS_AND_ZEROS: &[Case] = &[
    ("elided_1", "他存了一万零五百", &["一万零五百|n|10500"]),
    ("elided_2", "库存还剩两千零二十三", &["两千零二十三|n|2023"]),
    ("elided_3", "一共三百十", &["三百十|n|310"]),
    (
        "elided_4",
        "营收一亿零八百万",
        &["一亿零八百万|n|108000000"],
    ),
    ("elided_5", "注册资本4万零500", &["4万零500|n|40500"]),
    ("elided_6", "估值2亿零3万", &["2亿零3万|n|200030000"]),
    (
        "elided_7",
        "刚好一万零一百零一",
        &["一万零一百零一|n|10101"],
    ),
    ("elided_8", "卖出两百零五万", &["两百零五万|n|2050000"]),
    ("elided_9", "欠了三千零五十万", &["三千零五十万|n|30500000"]),
    (
        "elided_10",
        "规模十亿零五百万",
        &["十亿零五百万|n|1005000000"],
    ),
    ("elided_11", "存款二十万零五百", &["二十万零五百|n|200500"]),
    ("elided_12", "总计一百万零五十", &["一百万零五十|n|1000050"]),
];

const DECIMALS_AND_NEGATIVES: &[Case] = &[
    (
        "decimal_1",
        "指数到了八万点二五",
        &["八万点二五|n|80000.25"],
    ),
    ("decimal_2", "亏损负五万点五", &["负五万点五|n|-50000.5"]),
    ("decimal_3", "市值0.8亿", &["0.8亿|n|80000000"]),
    (
        "decimal_4",
        "规模突破2.4万亿",
        &["突破2.4万亿|n|2400000000000|q=over"],
    ),
    (
        "decimal_5",
        "融了三点五亿美元",
        &["三点五亿美元|m|350000000|cur=USD"],
    ),
    ("decimal_6", "卖出十二点五万", &["十二点五万|n|125000"]),
    ("decimal_7", "增速负零点三", &["负零点三|n|-0.3"]),
    (
        "decimal_8",
        "利润负1.5亿元",
        &["负1.5亿元|m|-150000000|cur=CNY"],
    ),
    ("decimal_9", "粉丝一点二三万", &["一点二三万|n|12300"]),
    (
        "decimal_10",
        "合计十二万三千四百五十六点七八九",
        &["十二万三千四百五十六点七八九|n|123456.789"],
    ),
    (
        "decimal_11",
        "余额一千二百三十四点五六",
        &["一千二百三十四点五六|n|1234.56"],
    ),
];

const AS_SPEECH_RECOGNITION_WRITES: &[Case] = &[
    ("asr_1", "用户有 三千 五百 万", &["三千 五百 万|n|35000000"]),
    ("asr_2", "融资 1 亿 2 千万", &["1 亿 2 千万|n|120000000"]),
    (
        "asr_3",
        "成本是12,345,678元",
        &["12,345,678元|m|12345678|cur=CNY"],
    ),
    (
        "asr_4",
        "大概 两 万 三 千",
        &["大概 两 万 三 千|n|23000|q=about"],
    ),
    ("asr_5", "卖了 7 千 8 百", &["7 千 8 百|n|7800"]),
    ("asr_6", "投了 九百  万", &["九百  万|n|9000000"]),
    ("asr_7", "估值 2 亿 5000 万", &["2 亿 5000 万|n|250000000"]),
    ("asr_8", "一共 八 千 五 百", &["八 千 五 百|n|8500"]),
    ("asr_9", "罚了 三 百 万", &["三 百 万|n|3000000"]),
    (
        "asr_10",
        "收入 四 亿 2000 万",
        &["四 亿 2000 万|n|420000000"],
    ),
    ("asr_11", "总共 一千 零 五十", &["一千 零 五十|n|1050"]),
    (
        "asr_12",
        "下载量13,500,000次",
        &["13,500,000次|n|13500000|unit=次"],
    ),
];

const APPROXIMATIONS: &[Case] = &[
    (
        "approx_1",
        "拿到四百余万元",
        &["四百余万元|m|4000000|max=5000000|cur=CNY|q=over"],
    ),
    (
        "approx_2",
        "亏了四十几亿",
        &["四十几亿|n|4000000000|max=5000000000|q=several"],
    ),
    (
        "approx_3",
        "来了八千多人",
        &["八千多人|n|8000|max=9000|unit=人|q=over"],
    ),
    (
        "approx_4",
        "买了二十几个",
        &["二十几个|n|20|max=30|unit=个|q=several"],
    ),
    (
        "approx_5",
        "估值数千亿",
        &["数千亿|n|100000000000|max=1000000000000|q=several"],
    ),
    (
        "approx_6",
        "吸引了上万人",
        &["上万人|n|10000|unit=人|q=over"],
    ),
    (
        "approx_7",
        "播放200多万",
        &["200多万|n|2000000|max=3000000|q=over"],
    ),
    (
        "approx_8",
        "投入一百多亿元",
        &["一百多亿元|m|10000000000|max=20000000000|cur=CNY|q=over"],
    ),
    (
        "approx_9",
        "卖了十多万",
        &["十多万|n|100000|max=200000|q=over"],
    ),
    (
        "approx_10",
        "赚了十几万块钱",
        &["十几万块钱|m|100000|max=200000|cur=CNY|q=several"],
    ),
    (
        "approx_11",
        "亏损一千多万元",
        &["一千多万元|m|10000000|max=20000000|cur=CNY|q=over"],
    ),
    (
        "approx_12",
        "烧掉数十亿美元",
        &["数十亿美元|m|1000000000|max=10000000000|cur=USD|q=several"],
    ),
    (
        "approx_13",
        "砸了上百万人民币",
        &["上百万人民币|m|1000000|cur=CNY|q=over"],
    ),
    (
        "approx_14",
        "赚了几十个亿",
        &["几十个亿|n|1000000000|max=10000000000|q=several"],
    ),
];

const RANGES_SCALE_SAID_ONCE: &[Case] = &[
    (
        "range_1",
        "月薪五到八千元",
        &["五到八千元|m|5000|max=8000|cur=CNY|q=range"],
    ),
    (
        "range_2",
        "融资一至三亿美元",
        &["一至三亿美元|m|100000000|max=300000000|cur=USD|q=range"],
    ),
    (
        "range_3",
        "预计20-30万",
        &["20-30万|n|200000|max=300000|q=range"],
    ),
    (
        "range_4",
        "从两百到五百万不等",
        &["两百到五百万|n|2000000|max=5000000|q=range"],
    ),
    (
        "range_5",
        "单价3~5万元",
        &["3~5万元|m|30000|max=50000|cur=CNY|q=range"],
    ),
    (
        "range_6",
        "规模1.5~2亿元",
        &["1.5~2亿元|m|150000000|max=200000000|cur=CNY|q=range"],
    ),
    (
        "range_7",
        "粉丝五六百万",
        &["五六百万|n|5000000|max=6000000|q=range"],
    ),
    (
        "range_8",
        "准备了七八十个",
        &["七八十个|n|70|max=80|unit=个|q=range"],
    ),
    (
        "range_9",
        "涨幅10%-15%",
        &["10%-15%|p|10|max=15|unit=%|q=range"],
    ),
    (
        "range_10",
        "营收六十到八十亿",
        &["六十到八十亿|n|6000000000|max=8000000000|q=range"],
    ),
    (
        "range_11",
        "花了两三千块钱",
        &["两三千块钱|m|2000|max=3000|cur=CNY|q=range"],
    ),
    (
        "range_12",
        "二到三百亿的规模",
        &["二到三百亿|n|20000000000|max=30000000000|q=range"],
    ),
    (
        "range_13",
        "一百五到两百万的预算",
        &["一百五到两百万|n|1500000|max=2000000|q=range"],
    ),
    (
        "range_14",
        "5到10亿的融资",
        &["5到10亿|n|500000000|max=1000000000|q=range"],
    ),
    (
        "range_15",
        "八九百万的用户",
        &["八九百万|n|8000000|max=9000000|q=range"],
    ),
    (
        "range_16",
        "三四千万的销量",
        &["三四千万|n|30000000|max=40000000|q=range"],
    ),
    (
        "range_17",
        "募集十到十五亿美元",
        &["十到十五亿美元|m|1000000000|max=1500000000|cur=USD|q=range"],
    ),
    (
        "range_18",
        "0.8到1.2亿的估值",
        &["0.8到1.2亿|n|80000000|max=120000000|q=range"],
    ),
    (
        "range_19",
        "两千到三千万的订单",
        &["两千到三千万|n|20000000|max=30000000|q=range"],
    ),
    (
        "range_20",
        "5000到8000万的营收",
        &["5000到8000万|n|50000000|max=80000000|q=range"],
    ),
    (
        "range_21",
        "人数在三十到五十之间",
        &["三十到五十|n|30|max=50|q=range"],
    ),
];

const COLLOQUIAL_MONEY: &[Case] = &[
    ("money_1", "花了五块三毛", &["五块三毛|m|5.3|cur=CNY"]),
    ("money_2", "一共十块零八分", &["十块零八分|m|10.08|cur=CNY"]),
    ("money_3", "找零六毛八", &["六毛八|m|0.68|cur=CNY"]),
    ("money_4", "一块五毛钱一个", &["一块五毛钱|m|1.5|cur=CNY"]),
    ("money_5", "单价一块两毛五", &["一块两毛五|m|1.25|cur=CNY"]),
    ("money_6", "月入五百美金", &["五百美金|m|500|cur=USD"]),
    ("money_7", "兑了三万日元", &["三万日元|m|30000|cur=JPY"]),
    ("money_8", "罚款一百英镑", &["一百英镑|m|100|cur=GBP"]),
    ("money_9", "一碗面五千韩元", &["五千韩元|m|5000|cur=KRW"]),
    ("money_10", "门票一百泰铢", &["一百泰铢|m|100|cur=THB"]),
    ("money_11", "车费两百新台币", &["两百新台币|m|200|cur=TWD"]),
    ("money_12", "这耳机才20刀", &["20刀|m|20|cur=USD"]),
    ("money_13", "赚了十万美圆", &["十万美圆|m|100000|cur=USD"]),
    (
        "money_14",
        "投资3000亿印度卢比",
        &["3000亿印度卢比|m|300000000000|cur=INR"],
    ),
    ("money_15", "一颗糖五美分", &["五美分|m|0.05|cur=USD"]),
    (
        "money_16",
        "一共六十五块四毛二",
        &["六十五块四毛二|m|65.42|cur=CNY"],
    ),
    (
        "money_17",
        "账单一百二十三元四角五分",
        &["一百二十三元四角五分|m|123.45|cur=CNY"],
    ),
];

const PERCENTS: &[Case] = &[
    ("percent_1", "同比负百分之五", &["负百分之五|p|-5|unit=%"]),
    ("percent_2", "占比百分二十", &["百分二十|p|20|unit=%"]),
    ("percent_3", "胜率五成半", &["五成半|p|55|unit=%"]),
    ("percent_4", "费率千分之六", &["千分之六|p|0.6|unit=%"]),
    (
        "percent_5",
        "完成了百分之一百二十",
        &["百分之一百二十|p|120|unit=%"],
    ),
    (
        "percent_6",
        "增速百分之负零点三",
        &["百分之负零点三|p|-0.3|unit=%"],
    ),
    (
        "percent_7",
        "毛利率百分之三十到四十",
        &["百分之三十到四十|p|30|max=40|unit=%|q=range"],
    ),
    ("percent_8", "回报两成五", &["两成五|p|25|unit=%"]),
    (
        "percent_9",
        "渗透率不到三成",
        &["不到三成|p|30|unit=%|q=under"],
    ),
    (
        "percent_10",
        "良率3-4成",
        &["3-4成|p|30|max=40|unit=%|q=range"],
    ),
    ("percent_11", "手续费万分之五", &["万分之五|p|0.05|unit=%"]),
    (
        "percent_12",
        "坏账率千分之三点五",
        &["千分之三点五|p|0.35|unit=%"],
    ),
];

const SHORT_AND_SPELLED_YEARS: &[Case] = &[
    ("year_1", "零八年奥运会那年", &["零八年|d|2008"]),
    ("year_2", "九八年七月入职", &["九八年七月|d|1998-07"]),
    (
        "year_3",
        "二零一九年三月发布",
        &["二零一九年三月|d|2019-03"],
    ),
    ("year_4", "一九九七年回归", &["一九九七年|d|1997"]),
    ("year_5", "15年6月股灾", &["15年6月|d|2015-06"]),
    ("year_6", "08年金融危机的时候", &["08年|d|2008"]),
    (
        "year_7",
        "二〇〇八年八月八日开幕",
        &["二〇〇八年八月八日|d|2008-08-08"],
    ),
    ("year_8", "两千零二十三年结束", &["两千零二十三年|d|2023"]),
    ("year_9", "23年5月上线", &["23年5月|d|2023-05"]),
    ("year_10", "05年7月汇改", &["05年7月|d|2005-07"]),
    ("year_11", "21年春节前后", &["21年春节|d|2021-02-12"]),
    ("year_12", "干了五年时间", &["五年|n|5|unit=年"]),
];

const QUARTERS_AND_HALVES: &[Case] = &[
    ("quarter_1", "2020年一季度营收", &["2020年一季度|d|2020-Q1"]),
    (
        "quarter_2",
        "二零二零年下半年发布",
        &["二零二零年下半年|d|2020-H2"],
    ),
    ("quarter_3", "22年四季度亏损", &["22年四季度|d|2022-Q4"]),
    ("quarter_4", "2018年Q4财报", &["2018年Q4|d|2018-Q4"]),
    ("quarter_5", "2022Q1的数据", &["2022Q1|d|2022-Q1"]),
    ("quarter_6", "今年Q2的收入", &["今年Q2|d|2021-Q2"]),
    ("quarter_7", "去年四季度的利润", &["去年四季度|d|2020-Q4"]),
    (
        "quarter_8",
        "二零零九年一季度的数据",
        &["二零零九年一季度|d|2009-Q1"],
    ),
];

const DAYS_WITHOUT_RI: &[Case] = &[
    ("day_1", "三月十五那天", &["三月十五|d|2021-03-15"]),
    ("day_2", "八月8发布", &["八月8|d|2021-08-08"]),
    ("day_3", "五月二十上线", &["五月二十|d|2021-05-20"]),
    ("day_4", "一月三十一截止", &["一月三十一|d|2021-01-31"]),
    ("day_5", "九月12开会", &["九月12|d|2021-09-12"]),
    ("day_6", "2021年12月25发货", &["2021年12月25|d|2021-12-25"]),
    ("day_7", "十月二十八开售", &["十月二十八|d|2021-10-28"]),
    ("day_8", "六月3的会议", &["六月3|d|2021-06-03"]),
];

const RELATIVE_DATES: &[Case] = &[
    ("relative_1", "他昨天刚回来", &["昨天|d|2021-06-13"]),
    ("relative_2", "大前天下过雨", &["大前天|d|2021-06-11"]),
    ("relative_3", "三天前就到了", &["三天前|d|2021-06-11"]),
    ("relative_4", "两个月后交付", &["两个月后|d|2021-08"]),
    ("relative_5", "五年前创立", &["五年前|d|2016"]),
    ("relative_6", "上上周开的会", &["上上周|d|2021-W22"]),
    ("relative_7", "下下个月发布", &["下下个月|d|2021-08"]),
    ("relative_8", "前年底离职", &["前年底|d|2019"]),
    ("relative_9", "下个月五号开庭", &["下个月五号|d|2021-07-05"]),
    (
        "relative_10",
        "上个月十号签约",
        &["上个月十号|d|2021-05-10"],
    ),
    ("relative_11", "本月底交付", &["本月底|d|2021-06"]),
    ("relative_12", "今年第三个月", &["今年第三个月|d|2021-03"]),
    ("relative_13", "一个月前发布的", &["一个月前|d|2021-05"]),
    ("relative_14", "两天后公布", &["两天后|d|2021-06-16"]),
];

const YEAR_FROM_CONTEXT: &[Case] = &[
    (
        "context_1",
        "那是2018年的事\n三月五号正式发布",
        &["2018年|d|2018", "三月五号|d|2018-03-05"],
    ),
    (
        "context_2",
        "2015年开始创业\n零九年八月他就已经入行",
        &["2015年|d|2015", "零九年八月|d|2009-08"],
    ),
    (
        "context_3",
        "他2016年毕业\n九八年七月出生",
        &["2016年|d|2016", "九八年七月|d|1998-07"],
    ),
    (
        "context_4",
        "去年发布了新品\n十二月二十五上市",
        &["去年|d|2020", "十二月二十五|d|2020-12-25"],
    ),
];

const IDIOMS_AND_WORDS: &[Case] = &[
    ("idiom_1", "说得乱七八糟", &[]),
    ("idiom_2", "把经过一五一十地讲了", &[]),
    ("idiom_3", "心里七上八下", &[]),
    ("idiom_4", "做事三心二意", &[]),
    ("idiom_5", "这点钱九牛一毛", &[]),
    ("idiom_6", "讲得一清二楚", &[]),
    ("idiom_7", "新品陆续上市", &[]),
    ("idiom_8", "飞船登陆月球", &[]),
    ("idiom_9", "一切都很顺利", &[]),
    ("idiom_10", "来自四面八方", &[]),
    ("idiom_11", "花样五花八门", &[]),
    ("idiom_12", "做到十全十美", &[]),
    ("idiom_13", "长得一模一样", &[]),
    ("idiom_14", "三三两两地走了", &[]),
    ("idiom_15", "千方百计地拉投资", &[]),
    ("idiom_16", "万无一失的方案", &[]),
    ("idiom_17", "接二连三地出事", &[]),
    ("idiom_18", "七嘴八舌地讨论", &[]),
];

const ZERO_ENDING_A_WORD: &[Case] = &[
    ("zero_1", "这个指标归零三次", &["三次|n|3|unit=次"]),
    ("zero_2", "找零六毛八", &["六毛八|m|0.68|cur=CNY"]),
    ("zero_3", "账户清零两千万", &["两千万|n|20000000"]),
    ("zero_4", "零部件三百万个", &["三百万个|n|3000000|unit=个"]),
];

const GROUPS: &[(&str, &[Case])] = &[
    ("old", OLD_AND_CAPITAL_FORMS),
    ("elided", ELIDED_TENS_AND_ZEROS),
    ("decimal", DECIMALS_AND_NEGATIVES),
    ("asr", AS_SPEECH_RECOGNITION_WRITES),
    ("approx", APPROXIMATIONS),
    ("range", RANGES_SCALE_SAID_ONCE),
    ("money", COLLOQUIAL_MONEY),
    ("percent", PERCENTS),
    ("year", SHORT_AND_SPELLED_YEARS),
    ("quarter", QUARTERS_AND_HALVES),
    ("day", DAYS_WITHOUT_RI),
    ("relative", RELATIVE_DATES),
    ("context", YEAR_FROM_CONTEXT),
    ("idiom", IDIOMS_AND_WORDS),
    ("zero", ZERO_ENDING_A_WORD),
];

#[test]
fn every_group_reads_as_written() {
    for (group, cases) in GROUPS {
        check_group_at(group, cases, REFERENCE);
    }
}

/// At least eight cases a construction, and names that say which.
#[test]
fn groups_are_full() {
    for (group, cases) in GROUPS {
        assert!(
            cases.len() >= 8 || *group == "context" || *group == "zero",
            "{group}: {}",
            cases.len()
        );
        for (name, _, _) in *cases {
            assert!(name.starts_with(group), "{name} in {group}");
        }
    }
}

/// No range off by a power of ten: every range of the table has both ends within ten times
/// of each other.
#[test]
fn ranges_keep_one_scale() {
    for (_, cases) in GROUPS {
        for (name, _, want) in *cases {
            for w in *want {
                let parts: Vec<&str> = w.split('|').collect();
                let Some(max) = parts.iter().find_map(|p| p.strip_prefix("max=")) else {
                    continue;
                };
                let (lo, hi): (f64, f64) = (parts[2].parse().unwrap(), max.parse().unwrap());
                assert!(lo <= hi && (lo <= 0.0 || hi / lo <= 10.0), "{name}: {w}");
            }
        }
    }
}
