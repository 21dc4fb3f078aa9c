//! Releases: `released(company, product, date)`.

use crate::model::MentionKind;

use super::super::discourse::{Referent, Wanted};
use super::super::triggers::{Cue, Role};
use super::{Context, Draft, Example, Predicate, Rule, RuleId, owned_by};

pub const RULES: &[Rule] = &[
    Rule {
        id: RuleId::ReleasedVerb,
        predicate: Predicate::Released,
        apply: released,
        examples: &[
            Example {
                text: "百度在 2023 年 3 月发布了文心一言",
                gives: &["released(百度 -> 文心一言) date=2023-03"],
                not: &[],
            },
            Example {
                text: "快手这两年投入很大\n它在去年 6 月推出了可灵",
                gives: &["released(快手 -> 可灵) date=2024-06"],
                not: &[],
            },
            Example {
                text: "百度的新模型据说可以比肩可灵",
                gives: &[],
                not: &["released(百度 -> 可灵)"],
            },
            // 先发了 (jieba keeps 先发, "first-mover", one word): released first, then more.
            Example {
                text: "云岫科技 2021 年先发了一款小机器人 叫 云岫一号",
                gives: &["released(云岫科技 -> 云岫一号) date=2021"],
                not: &[],
            },
            Example {
                text: "好车汽车当年先发了好车S7\n后面才有了别的车型",
                gives: &["released(好车汽车 -> 好车S7)"],
                not: &[],
            },
            Example {
                text: "云岫科技靠的是先发优势\n云岫一号卖得一直不错",
                gives: &[],
                not: &["released(云岫科技 -> 云岫一号) date=2025"],
            },
            // A product presented on its own, no company in topic: the catalogue's owner.
            Example {
                text: "接下来看看新车\n好车S7 在去年 9 月发布了",
                gives: &["released(好车汽车 -> 好车S7) date=2024-09"],
                not: &[],
            },
            // A product's 上市 is its launch; a company's is a listing, no release.
            Example {
                text: "好车汽车今年的重头戏\n好车S7 三月份正式上市\n卖得很好",
                gives: &["released(好车汽车 -> 好车S7) date=2025-03"],
                not: &[],
            },
            Example {
                text: "云岫科技的第一款产品\n云岫一号 2021 年就上市了",
                gives: &["released(云岫科技 -> 云岫一号) date=2021"],
                not: &[],
            },
            // A product named after a company the catalogue lacks, on its own line.
            Example {
                text: "今天聊聊青岩智能\n2020 年第一款产品\n青岩 A1 上市\n卖得一般",
                gives: &["released(青岩智能 -> 青岩 A1) date=2020"],
                not: &[],
            },
            Example {
                text: "今天聊聊青岩智能\n隔壁的星海 A1 上市了",
                gives: &[],
                not: &["released(青岩智能 -> 星海 A1)"],
            },
            Example {
                text: "云岫一号 去年 10 月开售\n首批很快就卖完了",
                gives: &["released(云岫科技 -> 云岫一号) date=2024-10"],
                not: &[],
            },
            Example {
                text: "云岫科技去年在港股上市\n云岫一号卖得不错",
                gives: &[],
                not: &["released(云岫科技 -> 云岫一号)"],
            },
            Example {
                text: "2023 年 11 月 云岫一号正式上线",
                gives: &["released(云岫科技 -> 云岫一号) date=2023-11"],
                not: &[],
            },
            Example {
                text: "再说百度\n可灵是去年 6 月上线的",
                gives: &[],
                not: &["released(百度 -> 可灵)"],
            },
            Example {
                text: "百度并没有发布云岫一号",
                gives: &[],
                not: &["released(百度 -> 云岫一号)"],
            },
            // A count of products ends the line, the products joined on the next one.
            Example {
                text: "云岫科技年底又推出了两款\n旗舰的云岫一号和轻便的小云",
                gives: &[
                    "released(云岫科技 -> 云岫一号)",
                    "released(云岫科技 -> 小云)",
                ],
                not: &[],
            },
            Example {
                text: "云岫科技年底推出了新品\n云岫一号 价格比去年的小云高",
                gives: &["released(云岫科技 -> 云岫一号)"],
                not: &["released(云岫科技 -> 小云)"],
            },
            // Developed in-house (自研, 做出了): the company's own product.
            Example {
                text: "百度自研的文心一言也在追",
                gives: &["released(百度 -> 文心一言)"],
                not: &[],
            },
            Example {
                text: "那一年快手做出了 可灵",
                gives: &["released(快手 -> 可灵)"],
                not: &[],
            },
            // A product the catalogue lacks, named after its maker: the maker released it.
            Example {
                text: "说到云岫科技\n2024 年 2 月 云岫一号 Pro 发布",
                gives: &["released(云岫科技 -> 云岫一号 Pro) date=2024-02"],
                not: &[],
            },
            Example {
                text: "再说百度\n2024 年 2 月 云岫一号 Pro 发布",
                gives: &[],
                not: &["released(百度 -> 云岫一号 Pro)"],
            },
            // What was made said as a kind of thing ending the line, its name on the next
            // after a naming word.
            Example {
                text: "云岫科技上个月发布了新的旗舰机\n名字叫青鸾二号",
                gives: &["released(云岫科技 -> 青鸾二号) date=2025-02"],
                not: &[],
            },
            Example {
                text: "星河动力去年 11 月推出了企业版\n叫星河助手",
                gives: &["released(星河动力 -> 星河助手) date=2024-11"],
                not: &[],
            },
            // A product after 在 is the place of the release (a store, a platform).
            Example {
                text: "今天聊聊青岩科技这家公司\n它的头一款应用叫青岩记账\n去年 5 月在 App Store 上架",
                gives: &[],
                not: &["released(青岩科技 -> App Store)"],
            },
            Example {
                text: "说到白露科技\n第一个产品叫白露日程\n今年 3 月在 Google Play 上线",
                gives: &[],
                not: &["released(白露科技 -> Google Play)"],
            },
        ],
    },
    Rule {
        id: RuleId::ReleasedFirstProduct,
        predicate: Predicate::Released,
        apply: released_first_product,
        examples: &[
            Example {
                text: "云岫科技的首款产品是云岫一号",
                gives: &["released(云岫科技 -> 云岫一号)"],
                not: &[],
            },
            Example {
                text: "云岫科技的首款产品比不上可灵",
                gives: &[],
                not: &["released(云岫科技 -> 可灵)"],
            },
            // A list of presented products, each with its own cue.
            Example {
                text: "说到云岫科技\n一款叫 Nimbus 一款叫 Cirrus",
                gives: &[
                    "released(云岫科技 -> Nimbus)",
                    "released(云岫科技 -> Cirrus)",
                ],
                not: &[],
            },
            Example {
                text: "快手这两年投入很大\n2024 年 7 月 它新加了一个功能叫 灵犀画板",
                gives: &["released(快手 -> 灵犀画板) date=2024-07"],
                not: &[],
            },
            // A pronoun resolved to a company that does not own the catalogue product named:
            // the owner presents it.
            Example {
                text: "说到云岫科技\n它的对手百度也在追\n它家的产品叫云岫一号",
                gives: &["released(云岫科技 -> 云岫一号)"],
                not: &["released(百度 -> 云岫一号)"],
            },
            // 它 right after a product: the product's owner, not a company named before it.
            Example {
                text: "说到快手\n它甩开了百度的文心一言\n后来又有了可灵\n它新加了一个功能叫 灵犀画板",
                gives: &["released(快手 -> 灵犀画板)"],
                not: &["released(百度 -> 灵犀画板)"],
            },
        ],
    },
    Rule {
        id: RuleId::ReleasedPossession,
        predicate: Predicate::Released,
        apply: released_possession,
        examples: &[
            Example {
                text: "其他家比如快手的可灵也在追",
                gives: &["released(快手 -> 可灵)"],
                not: &[],
            },
            Example {
                text: "它的下载量比快手的可灵还多",
                gives: &[],
                not: &["released(快手 -> 可灵)"],
            },
        ],
    },
];

pub fn released<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    // 上市 / 挂牌 said of a product, no exchange in the line, is its launch (`好车S7 三月份正式
    // 上市`); of a company it is a listing, which the funding rules read.
    if !view.has_role(Role::Exchange) {
        for (_, cue) in view.cues_with(Role::Listing) {
            if !cx.denied_before(cue.start) {
                let (date, date_line) = cx.event_date(cue.start);
                product_subject_release(cx, cue, date, date_line, out);
            }
        }
    }
    for (_, cue) in view.cues_with(Role::Released) {
        if cx.denied_before(cue.start) {
            continue;
        }
        // Products after the verb, up to a comparison.
        let stop = view
            .cues
            .iter()
            .filter(|c| c.role == Role::Comparison && c.start >= cue.end)
            .map(|c| c.start)
            .min()
            .unwrap_or(view.chars.len());
        let next_verb = view
            .cues
            .iter()
            .filter(|c| {
                c.start >= cue.end
                    && matches!(c.role, Role::Released | Role::Founded | Role::Renamed)
            })
            .map(|c| c.start)
            .min()
            .unwrap_or(view.chars.len());
        let stop = stop.min(next_verb);
        let (date, date_line) = cx.event_date(cue.start);
        let after = |linked: bool| -> Vec<Referent> {
            view.entities
                .iter()
                .filter(|e| {
                    e.kind == MentionKind::Product
                        && e.start >= cue.end
                        && e.end <= stop
                        && e.is_linked() == linked
                })
                .map(|e| Referent::from_item(e, view.index, 0))
                .collect()
        };
        // A name the catalogue lacks counts only where no catalogue product is named.
        let mut products = after(true);
        if products.is_empty() {
            products = after(false);
        }
        // 豆包是2023年8月上线的: the product stands before the verb; otherwise the clause may
        // run on into the next line (发布了 / Mooncake).
        let from = cx.clause_start(cue.start);
        let product_before = view
            .entities
            .iter()
            .any(|e| e.kind == MentionKind::Product && e.start >= from && e.end <= cue.start);
        if products.is_empty() && !product_before {
            products = cx.run_on(cue.end, MentionKind::Product);
            listed_on(cx, &mut products);
        }
        if products.is_empty() {
            product_subject_release(cx, cue, date, date_line, out);
            continue;
        }
        let named = cx.company_before(cue.start);
        for product in products {
            // No company in the clause or in topic: the catalogue's owner of the product
            // (理想 L9 发布了, a product presented on its own).
            let Some(company) = named.or_else(|| owner_of(cx, &product)) else {
                continue;
            };
            if !owned_by(cx.catalogue, &product, &company) {
                continue;
            }
            let rule = match company.steps {
                0 => RuleId::ReleasedVerb,
                _ => RuleId::ReleasedVerbTopic,
            };
            let mut d = Draft::new(Predicate::Released, company, view.index, rule);
            d.cover(product.line);
            d.object = Some(product);
            d.date = date.clone();
            if let Some(l) = date_line {
                d.cover(l);
            }
            out.push(d);
        }
    }
}

/// `豆包这个App是2023年8月上线的`, `它的混元大模型是2023年9月发布的`: the product is the
/// clause's subject and the company that owns it is named before it or is the topic. The
/// catalogue must know the owner: a product of another company named in passing is no fact.
fn product_subject_release<'a>(
    cx: &Context<'_, 'a>,
    cue: &Cue,
    date: Option<String>,
    date_line: Option<usize>,
    out: &mut Vec<Draft<'a>>,
) {
    let view = cx.view;
    let from = cx.clause_start(cue.start);
    let Some(item) = view
        .entities
        .iter()
        .rev()
        .find(|e| e.start >= from && e.end <= cue.start)
        .filter(|e| e.kind == MentionKind::Product)
    else {
        return;
    };
    // 在 App Store 上架, 在微信上线: a place the release happens in, not the product released.
    if view.cues.iter().any(|c| {
        c.role == Role::Locative
            && c.end <= item.start
            && view.chars[c.end..item.start]
                .iter()
                .all(|ch| ch.is_whitespace())
    }) {
        return;
    }
    let mut product = Referent::from_item(item, view.index, 0);
    // A name the catalogue lacks, named after its maker (`某车 L7 Air`): the maker owns it.
    if product.owner.is_none() && product.entity_id.is_none() {
        product.owner = maker_by_name(cx, product.name);
    }
    let company = cx
        .subject_before(item.start, Wanted::Company)
        .or_else(|| cx.discourse.zero_subject(view, Wanted::Company));
    // Or named after the company the talk is on, which the catalogue lacks too (`青岩智能` …
    // `青岩 A1 上市`).
    let named_after_company = product.entity_id.is_none()
        && company.is_some_and(|c| c.entity_id.is_none() && named_after(product.name, c.name));
    if product.owner.is_none() && !named_after_company {
        return;
    }
    let Some(company) = company.or_else(|| owner_of(cx, &product)) else {
        return;
    };
    if !owned_by(cx.catalogue, &product, &company) {
        return;
    }
    let mut d = Draft::new(
        Predicate::Released,
        company,
        view.index,
        RuleId::ReleasedProductSubject,
    );
    d.object = Some(product);
    d.date = date;
    if let Some(l) = date_line {
        d.cover(l);
    }
    out.push(d);
}

/// 首款 X: the first product of the company in topic.
fn released_first_product<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    // `一款叫 X 一款叫 Y`: a later cue presents the next product of the same company.
    let mut last: Option<(Referent<'a>, usize)> = None;
    for (_, cue) in view.cues_with(Role::ReleasedNp) {
        let Some(product) = view.entities.iter().find(|e| {
            e.kind == MentionKind::Product && e.start >= cue.end && e.start - cue.end <= 12
        }) else {
            continue;
        };
        let listed = last.filter(|&(_, end)| {
            view.entities
                .iter()
                .filter(|e| e.start >= end && e.end <= cue.start)
                .all(|e| e.kind == MentionKind::Product)
        });
        let Some(company) = cx
            .company_before(cue.start)
            .or(listed.map(|(company, _)| company))
        else {
            continue;
        };
        // `它新加了一个功能叫 X` right after a product was talked about: 它 is that product,
        // and its owner presents the feature (not a company named in passing before it).
        let company = match cx.discourse.resolve(view, cue.start, Wanted::Thing) {
            Some(thing) if company.steps > 0 && thing.kind == MentionKind::Product => {
                owner_of(cx, &thing).unwrap_or(company)
            }
            _ => company,
        };
        last = Some((company, product.end));
        // A catalogue product must belong to the company; a new name has no owner yet.
        let known_elsewhere = product.is_linked() && product.owner.is_none();
        let product = Referent::from_item(product, view.index, 0);
        // `它家的产品叫 X`: a pronoun that resolved to another company than the catalogue's
        // owner of X meant the owner (a company named in the clause stays as named).
        let company = match owner_of(cx, &product) {
            Some(owner) if company.steps > 0 && !owned_by(cx.catalogue, &product, &company) => {
                owner
            }
            _ => company,
        };
        if known_elsewhere || !owned_by(cx.catalogue, &product, &company) {
            continue;
        }
        let mut d = Draft::new(
            Predicate::Released,
            company,
            view.index,
            RuleId::ReleasedFirstProduct,
        );
        d.object = Some(product);
        // 一款叫 X, 功能叫 X: presented as it is named, on the date the line gives (首款 X
        // describes a product whose line may date something else: 首款 X 开始交付).
        if cue.value.as_deref() == Some("naming") {
            let (date, date_line) = cx.event_date(cue.start);
            d.date = date;
            if let Some(l) = date_line {
                d.cover(l);
            }
        }
        out.push(d);
    }
}

/// A 的 B where the catalogue says A owns B, unless A stands in a place (在苹果的 App Store 上)
/// or a comparison (比 Meta 的 Llama 还要多).
fn released_possession<'a>(cx: &Context<'_, 'a>, out: &mut Vec<Draft<'a>>) {
    let view = cx.view;
    for (i, e) in view.entities.iter().enumerate() {
        if e.kind != MentionKind::Company {
            continue;
        }
        let in_place_or_comparison = view.cues.iter().any(|c| {
            matches!(c.role, Role::Locative | Role::Comparison)
                && c.end <= e.start
                && view.gap_is(c.end, e.start, &[])
        });
        if in_place_or_comparison {
            continue;
        }
        let Some(de) = view.chars[e.end..]
            .iter()
            .position(|&c| view.triggers.is_char(Role::Possessive, c))
            .map(|p| e.end + p)
        else {
            continue;
        };
        if !view.gap_is(e.end, de, &[]) {
            continue;
        }
        let company = Referent::from_item(e, view.index, 0);
        for p in view.entities[i + 1..]
            .iter()
            .take_while(|p| p.start < de + 16)
        {
            if p.kind == MentionKind::Company {
                break;
            }
            if p.kind != MentionKind::Product {
                continue;
            }
            let product = Referent::from_item(p, view.index, 0);
            if product.owner.is_some() && owned_by(cx.catalogue, &product, &company) {
                let mut d = Draft::new(
                    Predicate::Released,
                    company,
                    view.index,
                    RuleId::ReleasedPossession,
                );
                d.object = Some(product);
                out.push(d);
                break;
            }
        }
    }
}

/// The company the catalogue says owns `product`, as a referent one resolution step away.
fn owner_of<'a>(cx: &Context<'_, 'a>, product: &Referent<'a>) -> Option<Referent<'a>> {
    let owner = cx.catalogue.get(product.owner?)?;
    (owner.kind == MentionKind::Company).then_some(Referent {
        entity_id: Some(&owner.id),
        name: &owner.name,
        kind: MentionKind::Company,
        owner: None,
        affiliation: owner.affiliation.as_deref(),
        line: product.line,
        steps: 1,
    })
}

/// The products listed after the first one on the line a release runs on into, joined by a
/// coordinator (`推出了两款 / 六座的 A 和五座的 B`): up to six marks between two names, one
/// of them a coordinator, no comparison.
fn listed_on<'a>(cx: &Context<'_, 'a>, products: &mut Vec<Referent<'a>>) {
    let (Some(next), Some(first)) = (cx.next, products.last()) else {
        return;
    };
    if first.line != next.index {
        return;
    }
    // run_on took the names opening the next line, in order.
    let mut at = products.len() - 1;
    if next.entities.get(at).is_none_or(|e| e.name != first.name) {
        return;
    }
    while let (Some(prev), Some(e)) = (next.entities.get(at), next.entities.get(at + 1)) {
        let gap = &next.chars[prev.end..e.start];
        let marks = gap.iter().filter(|c| !c.is_whitespace()).count();
        let joined = gap
            .iter()
            .any(|&c| next.triggers.is_char(Role::Coordinator, c));
        let compared = next
            .cues
            .iter()
            .any(|c| c.role == Role::Comparison && c.start >= prev.end && c.end <= e.start);
        if e.kind != MentionKind::Product || marks > 6 || !joined || compared {
            break;
        }
        products.push(Referent::from_item(e, next.index, 0));
        at += 1;
    }
}

/// Whether `product` opens with the name of `company` less its type word: two chars or more
/// before a space or a Latin letter (`极光 X1` of 极光智能, `青岩A1` of 青岩科技).
fn named_after(product: &str, company: &str) -> bool {
    let head: String = product
        .chars()
        .take_while(|c| !c.is_whitespace() && !c.is_ascii())
        .collect();
    head.chars().count() >= 2 && company.len() > head.len() && company.starts_with(&head)
}

/// The company a product the catalogue lacks is named after: the longest catalogue company
/// name opening the product's name (`云岫 X2 Pro` -> 云岫科技 when 云岫 is its alias).
fn maker_by_name<'a>(cx: &Context<'_, 'a>, name: &str) -> Option<&'a str> {
    let chars: Vec<char> = name.chars().collect();
    (2..chars.len()).rev().find_map(|n| {
        let prefix: String = chars[..n].iter().collect();
        cx.catalogue
            .lookup(&prefix)
            .filter(|e| e.kind == MentionKind::Company)
            .map(|e| e.id.as_str())
    })
}
