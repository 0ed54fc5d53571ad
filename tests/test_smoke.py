def test_home_page_answers(client, published_sighting):
    response = client.get("/")
    assert response.status_code == 200
    assert published_sighting.title in response.content.decode()
