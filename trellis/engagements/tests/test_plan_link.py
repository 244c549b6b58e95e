def test_it_links_the_engagement_to_its_plan_for_coach_coachee_and_sponsor_only(world, login):
    url = f"/o/acme/engagements/{world.engagement.uuid}/"
    plan = f"/o/acme/engagements/{world.engagement.uuid}/plan/"
    assert "Goals and action plan" in login(world.alice).get(url).content.decode()
    assert "Goals and action plan" in login(world.bob).get(url).content.decode()
    sponsor_page = login(world.dana).get(url).content.decode()
    assert "Goals the coachee shares with you" in sponsor_page and plan in sponsor_page
    assert plan not in login(world.olga).get(url).content.decode()
