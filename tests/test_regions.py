"""The region recogniser: known places found, ordinary policy prose left alone."""

from __future__ import annotations

import pytest

from assistant.regions import Region, all_regions, find_regions, gazetteer, resolve_region

ZHENGZHOU = Region("河南省", "郑州市")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("安徽", Region("安徽省")),
        ("安徽生态环境厅", Region("安徽省")),
        ("郑州经开区", Region("河南省", "郑州市", "郑州经济技术开发区")),
        ("郑州经济技术开发区管委会", Region("河南省", "郑州市", "郑州经济技术开发区")),
        ("济源", Region("河南省", "济源市")),
        ("济源产城融合示范区管理委员会办公室", Region("河南省", "济源市")),
        ("济源示范区管委会办公室", Region("河南省", "济源市")),
        ("晋城", Region("山西省", "晋城市")),
        ("晋城市贯彻落实省委省政府环境保护督察组督察反馈意见整改方案", Region("山西省", "晋城市")),
        ("晉城市貫徹落實", Region("山西省", "晋城市")),  # Traditional accepted by resolve_region
        ("台州", Region("浙江省", "台州市")),
        ("北京", Region("北京市")),
        ("广州市生态环境局", Region("广东省", "广州市")),
        ("河南省郑州市人民政府", ZHENGZHOU),
        ("景宁畲族自治县人民代表大会", Region("浙江省", "丽水市", "景宁畲族自治县")),
        ("三门峡市人民代表大会常务委员会", Region("河南省", "三门峡市")),
        ("延边州", Region("吉林省", "延边朝鲜族自治州")),
        ("x市环保局", None),
        ("市环保局", None),
        ("全国人民代表大会常务委员会", None),
        ("", None),
    ],
)
def test_resolve_region(text: str, expected: Region | None) -> None:
    assert resolve_region(text) == expected


def test_levels_and_labels() -> None:
    assert Region("河南省").level == "省级"
    assert ZHENGZHOU.level == "市级"
    assert Region("河南省", "郑州市", "郑州经济技术开发区").level == "区县级"
    assert Region(None).level == "国家"
    assert ZHENGZHOU.label == "河南省 郑州市"
    assert Region(None).label == "全国"


def test_mentions_carry_spans() -> None:
    text = "助力郑州市空气质量在全国排名进位"
    [m] = find_regions(text)
    assert (m.text, m.region) == ("郑州市", ZHENGZHOU)
    assert text[m.start : m.end] == "郑州市"


def test_longest_match_without_overlap() -> None:
    found = find_regions("山东省青岛西海岸新区条例")
    assert [m.text for m in found] == ["山东省", "青岛西海岸新区"]
    assert found[1].region == Region("山东省", "青岛市", "青岛西海岸新区")


def test_context_only_aliases() -> None:
    text = "推动全区生态环境质量稳定向好,努力建设美丽经开区"
    assert find_regions(text) == []
    [m] = find_regions(text, context=ZHENGZHOU)
    assert m.region.district == "郑州经济技术开发区"
    # context from another city does not unlock Zhengzhou's alias
    assert find_regions(text, context=Region("山西省", "晋城市")) == []


def test_single_char_abbreviations_are_opt_in_and_need_a_run() -> None:
    text = "深化苏皖鲁豫区域重污染天气联动应对"
    assert find_regions(text) == []
    provinces = [m.region.province for m in find_regions(text, abbreviations=True)]
    assert provinces == ["江苏省", "安徽省", "山东省", "河南省"]
    # a lone abbreviation inside a word is never a place
    assert find_regions("豫园的风景很好", abbreviations=True) == []


@pytest.mark.parametrize(
    "text",
    [
        "守牢生态安全底线",
        "黄河南岸滩区综合治理",
        "推广西部地区先进经验",
        "促进区域经济南北协调发展",
        "加强大理石开采企业监管",
        "机动车环保定期检验",
        "制造有机复合肥等技术处理",
        "建设美丽新乡村",
        "坚决反对文山会海",
        "长江西岸生态廊道建设",
        "统一使用北京时间",
        "日照时数明显增加",
        "长治久安",
        "大同小异",
    ],
)
def test_no_false_hits(text: str) -> None:
    assert find_regions(text) == []


# Real sentences from the seed documents (Simplified), with the places they truly name.
SEED_SENTENCES: list[tuple[str, list[str]]] = [
    ("全面实施美丽安徽建设规划纲要,建立实施体系和推进落实机制,加强工作调度和跟踪评估。", ["安徽"]),
    ("加强固废危废污染联动监管,探索建立固废危废处置区域补偿制度。", []),
    ("开展低效失效大气污染治理设施排查整治。", []),
    ("实施餐饮油烟、噪声扰民问题整治提升行动,开展恶臭异味和道路扬尘问题专项整治,推进宁静小区建设。", []),
    ("组织实施引江济淮工程治污项目,强化水质监测,优化水资源调度,保障生态流量。", []),
    ("探索农村环境整治整县推进试点,完成700个行政村生活污水治理和500个左右行政村环境整治任务。", []),
    ("出台安徽省全面推行排污许可制实施方案,制定安徽省排污许可证核发审查要点。", ["安徽省", "安徽省"]),
    ("探索实施“环保担”,为生态环境类项目增信、降费、分险。", []),
    (
        "协同建设新安江-千岛湖生态环境共同保护合作区,推动皖苏跨界水体生态保护补偿,实施皖赣长江流域横向生态补偿。",
        [],
    ),
    ("(一)全面加强黄河流域生态保护。", []),
    ("一是扎实推进第三轮中央生态环境保护督察和2023年省委生态环境保护督察交办问题整改。", []),
    ("推进集中喷涂中心、活性炭再生中心建设,实现挥发性有机物(VOCs)集中高效处理。", []),
    ("三是持续推动河湖水资源水生态保护修复。", []),
    (
        "落实《河南省耕地土壤环境质量类别阶段性动态调整工作实施方案》,开展耕地土壤环境质量类别动态调整。",
        ["河南省"],
    ),
    ("助力郑州市空气质量在全国168个重点城市排名中进位。", ["郑州市"]),
    ("以环境整治、污染防治为重点,深化南水北调中线工程沿线突出环境问题和风险隐患排查。", []),
    ("到2025年,主要农作物化肥农药利用率达到43%以上,畜禽粪污综合利用率达到95%以上。", []),
    ("严格落实烟花爆竹燃放管理相关法律规定,减少烟花爆竹燃放对环境空气质量的影响。", []),
    ("进一步加快中石化储油库搬迁进度,强化对汽车油品的规范化管理。", []),
    ("全面完成畜禽养殖禁养区、限养区划定工作,制定出台《晋城市畜禽养殖污染防治办法》。", ["晋城市"]),
    ("开展仙居危险废物焚烧处置项目(一期)环评编制工作,获得温州市xxxx吨处置额度支持。", ["温州市"]),
    ("(四)加强环境执法监管,确保区域环境安全。", []),
    ("继续开展形式多样的生态环保主题宣传教育活动,传播生态文明理念。", []),
]


@pytest.mark.parametrize(("sentence", "places"), SEED_SENTENCES)
def test_seed_sentences(sentence: str, places: list[str]) -> None:
    assert [m.text for m in find_regions(sentence)] == places


def test_gazetteer_coverage() -> None:
    g = gazetteer()
    assert len(g.provinces) == 34
    # 333 prefecture-level divisions + 济源 + Hubei's four province-administered units
    assert len(g.cities) == 338
    by_province = {p.province: sum(1 for c in g.cities if c.province == p.province) for p in g.provinces}
    assert by_province["河南省"] == 18  # 17 + 济源
    assert by_province["山东省"] == 16
    assert by_province["浙江省"] == 11
    assert by_province["安徽省"] == 16
    assert by_province["山西省"] == 11
    assert len(set(all_regions())) == len(all_regions())


@pytest.mark.parametrize(
    ("question", "places"),
    [
        ("河南洛阳和山东泰安的供热条例分别怎么规定？", ["河南省 洛阳市", "山东省 泰安市"]),
        ("河南省洛阳市的供热条例怎么规定？", ["河南省 洛阳市"]),
        ("山东省和济南市的规定有何不同？", ["山东省", "山东省 济南市"]),
    ],
)
def test_a_province_written_before_its_city_qualifies_it(question: str, places: list[str]) -> None:
    """ "河南洛阳" names one city: the province in front of it is not a second region to compare."""
    from assistant.query import analyse

    qa = analyse(question, [])
    assert qa.regions + qa.missing_regions == places


def test_a_city_named_by_an_ordinary_word_is_a_place_beside_another_place() -> None:
    from assistant.regions import find_regions

    found = [m.region.city for m in find_regions("渣土车没有覆盖，日照和德州分别怎么罚？")]
    assert found == ["日照市", "德州市"]
    assert [m.region.city for m in find_regions("德州与日照的规定")] == ["德州市", "日照市"]
    assert find_regions("夏天日照和温度有什么要求？") == []  # beside no place: a word


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("在日照的海滨浴场能烧烤吗？", "日照市"),
        ("请问到大同，办暂住证要什么材料？", "大同市"),
        ("那在日照的呢？", "日照市"),
        ("住宅在日照的条件下如何采光？", None),  # its 在 does not open the clause
        ("在日照时间长的地方种什么？", None),  # 日照时间: no particle or pause after the name
    ],
)
def test_a_city_named_by_an_ordinary_word_is_a_place_in_a_place_frame(text: str, city: str | None) -> None:
    found = [m.region.city for m in find_regions(text)]
    assert found == ([city] if city else []), found


@pytest.mark.parametrize(
    ("text", "city", "said"),
    [
        ("日照城区能不能放鞭炮？", "日照市", "日照"),
        ("请问，大同境内有几处湿地？", "大同市", "大同"),
        ("住宅日照城区标准是多少？", None, ""),  # inside a clause: the word 日照
        ("日照时间长的城区种什么？", None, ""),
    ],
)
def test_a_city_named_by_an_ordinary_word_is_a_place_before_an_area_of_it(
    text: str, city: str | None, said: str
) -> None:
    # (the area stays a word of the question: "城区禁止鸣喇叭" may be the rule asked)
    found = find_regions(text)
    assert [m.region.city for m in found] == ([city] if city else []), found
    assert [m.text for m in found] == ([said] if said else []), found
