"""Follow-up resolution without an index (no documents needed for these cases)."""

from __future__ import annotations

from assistant.conversation import resolve


def _history(question: str) -> list[dict[str, str]]:
    return [{"role": "user", "content": question}, {"role": "assistant", "content": "……"}]


def test_region_swap_drops_a_generic_remainder() -> None:
    r = resolve("那河南省的条例呢？", _history("浙江省大气污染防治条例对露天烧烤怎么罚？"))
    assert r.question == "河南省大气污染防治条例对露天烧烤怎么罚？"


def test_region_swap_keeps_a_real_remainder() -> None:
    r = resolve("那安徽的黑臭水体呢？", _history("济源受污染耕地安全利用率目标是多少？"))
    assert r.question.startswith("安徽受污染耕地") and r.question.endswith("黑臭水体")


def test_own_question_borrows_only_place_and_title() -> None:
    r = resolve("那在一级保护区游泳怎么处罚？", _history("日照市饮用水水源地保护条例自何时起施行？"))
    assert r.question == "日照市饮用水水源地保护条例 在一级保护区游泳怎么处罚"
    # a bare follow-up still carries the whole previous question
    r = resolve("那县级呢？", _history("晋城市委常委会多久研究一次环保工作？"))
    assert r.question.startswith("晋城市委常委会多久研究一次环保工作？")


def test_pointer_keeps_the_previous_question() -> None:
    r = resolve("这一条由哪个部门负责？", _history("郑州经开区清洁能源发电装机要达到多少？"))
    assert r.question.startswith("郑州经开区清洁能源发电装机要达到多少？")


def test_a_follow_up_that_names_nothing_of_its_own_keeps_the_matter_and_the_cited_document() -> None:
    history = [
        {"role": "user", "content": "杭州的养老机构不按规范收费，会受到什么处罚？"},
        {"role": "assistant", "content": "《杭州市精神卫生条例》第四十六条：责令改正……"},
    ]
    r = resolve("由哪个部门来处罚？", history)
    assert r.question.startswith("杭州的养老机构不按规范收费") and r.question.endswith("由哪个部门来处罚")


def test_a_new_matter_at_the_same_place_keeps_the_previous_ask() -> None:
    r = resolve("那在楼道堆放杂物呢？", _history("青岛房屋未按期做安全检查，会被怎么罚？"))
    assert r.question == "青岛 在楼道堆放杂物 会被怎么罚"


def test_a_new_matter_after_a_one_clause_question_keeps_only_its_ask() -> None:
    # "养大型犬" is the previous matter, not this one: only "会怎么处罚" carries over
    r = resolve("那养小型犬，带出门不拴绳呢？", _history("在河南的小区里养大型犬会怎么处罚？"))
    assert r.question == "河南 养小型犬，带出门不拴绳 会怎么处罚"
    # an element that stands beside one of the question keeps the whole question
    r = resolve("二级、三级保护古树呢？", _history("某市一级保护古树的保护范围至少划几米？"))
    assert (
        r.question.startswith("某市一级保护古树的保护范围至少划几米") and "二级、三级保护古树" in r.question
    )


def test_a_full_question_on_the_same_matter_keeps_the_place_and_the_cited_document() -> None:
    history = [
        {"role": "user", "content": "郑州签了租房合同以后，多少天内要去办登记备案？"},
        {
            "role": "assistant",
            "content": "按《郑州市城市房屋租赁管理条例》第七条，…到市房地产管理部门申请登记备案。",
        },
    ]
    r = resolve("主管部门收到登记申请以后多长时间要办完？", history)
    assert r.used_history and r.question.startswith("郑州") and "郑州市城市房屋租赁管理条例" in r.question
    # another matter, or a place of its own: the question stands alone
    assert resolve("秸秆禁烧有什么要求？", history).question == "秸秆禁烧有什么要求？"
    assert resolve("杭州的主管部门收到申请后多久办完？", history).question.startswith("杭州")


def test_a_follow_up_naming_the_counterpart_of_an_element_asks_the_same_of_it() -> None:
    r = resolve("负次要责任的呢？", _history("水上交通事故中，负主要责任的一方承担多少比例的损害赔偿？"))
    assert r.question == "水上交通事故中，负次要责任的一方承担多少比例的损害赔偿？"
    r = resolve("那二级保护区呢？", _history("某市一级保护区内禁止哪些行为？"))
    assert r.question == "某市二级保护区内禁止哪些行为？"
    # a new matter that stands beside nothing of the question keeps the previous ask
    r = resolve("那在楼道堆放杂物呢？", _history("青岛房屋未按期做安全检查，会被怎么罚？"))
    assert r.question == "青岛 在楼道堆放杂物 会被怎么罚"


def test_a_requirement_not_met_asks_about_the_matter_just_answered() -> None:
    r = resolve("达不到的话会怎么处理？", _history("淄博市国土绿化条例要求造林成活率达到多少？"))
    assert "造林成活率" in r.question and r.question.endswith("达不到的话会怎么处理"), r.question


def test_the_graver_case_of_a_sanction_asks_about_the_matter_just_answered() -> None:
    # the graver case ("逾期不改正的，…") is set by the same provision the previous answer quoted:
    # the previous matter is kept whole, not replaced by its place and ask alone
    r = resolve("那要是一直逾期不改正呢？", _history("青岛市排水条例对擅自向雨水管网排放污水的怎么处罚？"))
    assert r.question.startswith("青岛市排水条例对擅自向雨水管网排放污水的"), r.question
    assert r.question.endswith("逾期不改正"), r.question


def test_a_later_part_of_several_takes_the_previous_part_when_told_it_is_one() -> None:
    history = _history("在洛阳见义勇为，由哪个部门来认定？")
    assert resolve("多少天内要给出结论？", history).question == "多少天内要给出结论？"
    whole = resolve("多少天内要给出结论？", history, fragment=True).question
    assert whole.startswith("在洛阳见义勇为") and whole.endswith("多少天内要给出结论"), whole


def test_a_later_part_asking_its_own_question_takes_the_matter_not_the_previous_ask() -> None:
    # the previous ask ("最长能挖多久") would pull the part back to the answer already given
    history = _history("在某市因为修管道要挖掘城市道路，最长能挖多久？")
    whole = resolve("要经过哪个部门批准？", history, fragment=True).question
    assert whole == "在某市因为修管道要挖掘城市道路 要经过哪个部门批准", whole
    # one clause holds the matter and the ask: it is kept whole
    one = resolve("要经过哪个部门批准？", _history("某市挖掘城市道路最长能挖多久？"), fragment=True).question
    assert one == "某市挖掘城市道路最长能挖多久？ 要经过哪个部门批准", one


def test_a_breach_of_what_was_just_quoted_asks_for_the_sanction_of_those_articles() -> None:
    history = [
        {"role": "user", "content": "宁波市城市照明设施附近禁止哪些行为？"},
        {"role": "assistant", "content": "根据《宁波市市政设施管理条例》第四十四条，禁止擅自拆除……"},
    ]
    r = resolve("违反了会怎么罚？", history)
    assert r.question.startswith("宁波") and r.question.endswith("违反本条例第四十四条规定"), r.question
    # an answer that quotes no article leaves the question as it was
    r = resolve("违反了会怎么罚？", _history("宁波市城市照明设施附近禁止哪些行为？"))
    assert "违反本条例" not in r.question


def test_a_later_part_that_takes_up_the_previous_ask_keeps_it() -> None:
    history = _history("某市的托育机构招收婴幼儿，必须签合同吗？")
    whole = resolve("没签合同的会怎么处罚？", history, fragment=True).question
    assert whole.startswith("某市的托育机构招收婴幼儿，必须签合同吗"), whole


def test_a_follow_up_naming_a_counterpart_word_asks_the_same_of_it() -> None:
    # "那滥伐的呢？" after "盗伐林木要罚多少？": the same question of 滥伐
    history = _history("某省盗伐林木要罚多少？")
    assert resolve("那滥伐的呢？", history).question == "某省滥伐林木要罚多少？"
